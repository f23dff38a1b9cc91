import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../../src/main/engine/emulator/emulator'
import type { RunningEmulator } from '../../../src/main/engine/emulator/emulator'
import type { LiveSource } from '../../../src/main/engine/connectors/live-source'
import { applyEvents, createScoringState, snapshotMarket } from '../../../src/shared/scoring/scoring-state'
import { liveAgainst, until } from './helpers'

/*
 * Values read by hand from ../shared/data/binance-futures-metrics/BTCUSDT.csv (what the emulator serves as
 * /futures/data/openInterestHist and /fapi/v1/klines): the last bar opens 2024-05-16 19:35 UTC and closes
 * 19:40 UTC (1715888400000), the newest time the market has, so the scorer's clock stands there. Its
 * `sumOpenInterest` (BTC) is 72209.196; 24 h before the clock, the 2024-05-15 19:40 UTC bar, 73400.039.
 */
const CLOCK_MS = 1715888400000
const OI_LAST_BTC = 72209.196
const OI_24H_BEFORE_BTC = 73400.039
const PERP = 'BTC/USDT:USDT'
const KEY = `binanceusdm:${PERP}`

let emu: RunningEmulator
let src: LiveSource | null = null
beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterEach(async () => {
  await src?.stop()
  src = null
})
afterAll(async () => {
  await emu.close()
})

const allDone = (s: LiveSource, venue: string) => {
  const tasks = s.venueStatuses().find((v) => v.venue === venue)?.backfill ?? []
  return tasks.length >= 7 && tasks.every((t) => t.done)
}

describe('warm start', () => {
  it('the backfilled week of open interest reaches the scorer: 24 h OI change from the recorded bars', async () => {
    const state = createScoringState()
    const live = liveAgainst(emu, { watchlist: [{ venue: 'binanceusdm', symbols: [PERP] }] })
    src = live.src
    await live.src.start((batch) => applyEvents(state, batch))
    await until(() => allDone(live.src, 'binanceusdm'), 60_000, 'the history backfill')
    const oiTask = live.src
      .venueStatuses()[0]!
      .backfill!.find((t) => t.task === `binanceusdm ${PERP} open interest history`)
    expect(oiTask?.error).toBeUndefined()
    // The pollers start once the history is in; their first OI lands a moment later.
    await until(
      () => snapshotMarket(state, KEY)?.metrics['oi-contracts']?.sufficient === true,
      10_000,
      'the first OI',
    )
    const snap = snapshotMarket(state, KEY)!
    expect(snap.evaluatedAtMs).toBe(CLOCK_MS)
    const roc = snap.metrics['oi-roc-24h']!
    // Before history was delivered oldest first and ahead of the pollers, this said "needs 24 h of open
    // interest, has 5 min": the scorer dropped every backfilled row older than the first polled value.
    expect(roc.reason).toBeNull()
    expect(roc.sufficient).toBe(true)
    expect(roc.value).toBeCloseTo(OI_LAST_BTC / OI_24H_BEFORE_BTC - 1, 9)
    expect(snap.metrics['oi-roc-4h']!.sufficient).toBe(true)
  }, 90_000)

  it('a venue that refuses its history keeps streaming, the other venue is untouched, and the status says why', async () => {
    // Binance's /futures/data history answers 500 every time; its funding, klines and streams still answer.
    emu.inject({ kind: '500', count: 10_000, pathPrefix: '/futures/data/' })
    const live = liveAgainst(emu, {
      watchlist: [
        { venue: 'binanceusdm', symbols: [PERP] },
        { venue: 'bybit', symbols: [PERP] },
      ],
      restBudget: { concurrency: 2, backoff: { baseMs: 20, maxMs: 50, jitter: 0 }, maxRetries: 1 },
    })
    src = live.src
    await live.start()
    await until(() => allDone(live.src, 'binanceusdm'), 40_000, 'the binance backfill to end')
    await until(
      () => live.events.some((e) => e.venue === 'bybit' && e.type === 'trade'),
      20_000,
      'bybit trades',
    )
    await until(
      () => live.events.some((e) => e.venue === 'binanceusdm' && e.type === 'trade'),
      20_000,
      'binance trades',
    )
    const binance = live.src.venueStatuses().find((v) => v.venue === 'binanceusdm')!
    const byTask = new Map(
      (binance.backfill ?? []).map((t) => [t.task.replace(`binanceusdm ${PERP} `, ''), t]),
    )
    for (const task of [
      'open interest history',
      'taker volume history',
      'globalAccounts long/short history',
      'topAccounts long/short history',
      'topPositions long/short history',
    ]) {
      expect(byTask.get(task)?.error, task).toMatch(/unknown error|500/i)
    }
    // What the venue did answer is loaded: the refusal of one endpoint does not stop the others.
    expect(byTask.get('funding history')?.error).toBeUndefined()
    expect(byTask.get('5m candles')?.error).toBeUndefined()
    expect(live.events.some((e) => e.venue === 'binanceusdm' && e.type === 'funding')).toBe(true)
    expect(binance.state).toBe('connected')
    const bybit = live.src.venueStatuses().find((v) => v.venue === 'bybit')!
    expect(bybit.state).toBe('connected')
  }, 90_000)
})
