import ccxt from 'ccxt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GapEvent } from '../../../src/shared/market-event'
import { createExchange } from '../../../src/main/engine/connectors/exchange-factory'
import { FrameGuard } from '../../../src/main/engine/connectors/frame-guard'
import { RestBudget } from '../../../src/main/engine/connectors/rest-budget'
import { startEmulator } from '../../../src/main/engine/emulator/emulator'
import type { RunningEmulator } from '../../../src/main/engine/emulator/emulator'
import { FAST, liveAgainst, until } from './helpers'

let emu: RunningEmulator
beforeAll(async () => {
  emu = await startEmulator({ port: 0, speed: 4 })
})
afterAll(async () => emu.close())

const perpOnly = {
  watchlist: [{ venue: 'binanceusdm' as const, symbols: ['BTC/USDT:USDT'] }],
  backfill: false as const,
}

describe('reliability against injected faults', () => {
  it('resumes by itself after a dropped connection and after a silent stall, and backfills the gaps', async () => {
    // watchdog 1.5 s: the recording is silent for its first 7 s (1.75 s at speed 4), so wait for trades first.
    const { src, events, start } = liveAgainst(emu, { ...perpOnly, watchdogMs: 1500 })
    await start()
    const trades = () => events.filter((e) => e.type === 'trade').length
    await until(() => trades() > 20, 10000, 'first trades')
    emu.inject('drop')
    await until(() => events.some((e) => e.type === 'gap'), 10000, 'gap after drop')
    const afterDrop = trades()
    await until(() => trades() > afterDrop + 10, 10000, 'trades after drop')
    const gap = events.find((e) => e.type === 'gap') as GapEvent
    expect(gap).toMatchObject({ stream: 'trade', backfilled: true })
    expect(gap.toTsMs).toBeGreaterThanOrEqual(gap.fromTsMs)

    emu.inject('stall')
    await until(() => src.connectors[0]!.stalls > 0, 10000, 'watchdog to fire')
    await until(() => events.filter((e) => e.type === 'gap').length >= 2, 10000, 'second gap')
    const afterStall = trades()
    await until(() => trades() > afterStall + 10, 10000, 'trades after stall')
    const status = src.venueStatuses()[0]!
    expect(status.counts.reconnects).toBeGreaterThanOrEqual(2)
    expect(status.counts.gaps).toBeGreaterThanOrEqual(2)
    await src.stop()
  }, 40000)

  it('resyncs a book after a sequence gap and counts malformed and duplicate frames without crashing', async () => {
    const { src, events, start } = liveAgainst(emu, { ...perpOnly, watchdogMs: 5000 })
    await start()
    const books = () => events.filter((e) => e.type === 'book').length
    await until(() => books() > 3, 10000, 'first books')
    const guard = src.connectors[0]!.guard
    emu.inject('seqgap')
    await until(() => guard.counts.seqGap > 0, 10000, 'sequence gap seen')
    const afterGap = books()
    await until(() => books() > afterGap + 3, 10000, 'books after resync')
    emu.inject('malformed')
    emu.inject('duplicate')
    await until(() => guard.counts.malformed > 0 && guard.counts.duplicate > 0, 5000, 'bad frames counted')
    const n = events.length
    await until(() => events.length > n + 10, 5000, 'events after bad frames')
    expect(src.venueStatuses()[0]!.counts.droppedFrames).toBeGreaterThanOrEqual(2)
    await src.stop()
  }, 30000)

  it('resubscribes a book that falls silent while its connection carries other streams', async () => {
    const { src, events, start } = liveAgainst(emu, { ...perpOnly, watchdogMs: 5000, bookSilenceMs: 1500 })
    await start()
    const books = () => events.filter((e) => e.type === 'book').length
    const trades = () => events.filter((e) => e.type === 'trade').length
    await until(() => books() > 3 && trades() > 3, 10000, 'first books and trades')
    const connector = src.connectors[0]!
    const before = { resubscribes: connector.bookResubscribes, stalls: connector.stalls, trades: trades() }
    emu.inject('mute')
    await until(() => connector.bookResubscribes > before.resubscribes, 10000, 'the silent book noticed')
    // The connection stayed up: trades went on arriving during the silence, and no connection stall fired.
    expect(trades()).toBeGreaterThan(before.trades)
    expect(connector.stalls).toBe(before.stalls)
    const afterResubscribe = books()
    await until(() => books() > afterResubscribe + 3, 10000, 'books after the resubscription')
    await src.stop()
  }, 30000)

  it('honours Retry-After on HTTP 429 for that venue only', async () => {
    const budget = new RestBudget(FAST.restBudget)
    const ex = await createExchange(
      'binanceusdm',
      { restUrl: emu.restUrl, wsUrl: emu.wsUrl },
      {
        guard: new FrameGuard('binanceusdm'),
        budget,
        onFrame: () => {},
      },
    )
    await budget.run(() => ex.loadMarkets())
    emu.inject({ kind: '429', count: 1, retryAfterSec: 1 })
    const t0 = Date.now()
    const oi = (await budget.run(() => ex.fetchOpenInterest('BTC/USDT:USDT'))) as {
      openInterestAmount: number
    }
    // The emulator asked for 1 s; the budget's own backoff base is 50 ms, so >= 1000 ms proves Retry-After won.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000)
    expect(budget.counts.rateLimited).toBe(1)
    // binance-futures-metrics/BTCUSDT.csv last bar: sumOpenInterest 72209.19600000
    expect(oi.openInterestAmount).toBe(72209.196)
    emu.inject({ kind: '500', count: 1 })
    await budget.run(() => ex.fetchOpenInterest('BTC/USDT:USDT'))
    expect(budget.counts.serverErrors).toBe(1)
    // Without the budget ccxt surfaces the 429 as its rate-limit error class.
    emu.inject({ kind: '429', count: 1 })
    await expect(ex.fetchOpenInterest('BTC/USDT:USDT')).rejects.toBeInstanceOf(ccxt.DDoSProtection)
    await ex.close()
  }, 20000)
})
