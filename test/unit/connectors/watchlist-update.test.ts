import { describe, expect, it } from 'vitest'
import { applyEvents, createScoringState, snapshotMarket } from '../../../src/shared/scoring/scoring-state'
import type { MarketEvent } from '../../../src/shared/market-event'
import { emulatorForFile, liveAgainst, until } from './helpers'

/*
 * The same hand-read figures as warm-start.test.ts (../shared/data/binance-futures-metrics/BTCUSDT.csv): the
 * last 5-minute bar's sumOpenInterest 72209.196 BTC, the bar 24 h before it 73400.039 BTC. A perp added to the
 * running source gets them too, which it could not if its history landed after a live value.
 */
const OI_LAST_BTC = 72209.196
const OI_24H_BEFORE_BTC = 73400.039
const BTC = 'BTC/USDT:USDT'
const ETH = 'ETH/USDT:USDT'

const file = emulatorForFile()

describe('watchlist changes on a running live source', () => {
  it('adds a perp on the running connection with its warm start, then drops it, the other market untouched', async () => {
    const state = createScoringState()
    const events: MarketEvent[] = []
    const live = liveAgainst(file.emu(), {
      watchlist: [{ venue: 'binanceusdm', symbols: [ETH] }],
      // Quiet recordings must not trip the connection watchdog here: this test is about subscriptions.
      watchdogMs: 30_000,
    })
    file.track(live.src)
    await live.src.start((batch) => {
      events.push(...batch)
      // BTC scored on its own: the emulator's ETH perp is recorded on another date, and the scorer's clock is
      // the newest event of any market, so a shared state would read BTC's 24 h change at ETH's time.
      applyEvents(
        state,
        batch.filter((e) => e.symbol === BTC),
      )
    })
    const connector = live.src.connectors[0]!
    await live.src.updateWatchlist([{ venue: 'binanceusdm', symbols: [ETH, BTC] }])
    // The same connector (no restart) now watches both.
    expect(live.src.connectors).toEqual([connector])
    expect(live.src.venueStatuses()[0]!.markets).toEqual([ETH, BTC])

    // The added perp's seed history reached the scorer ahead of its live values: the 24 h OI change is the
    // recorded bars' (the pollers wait for the history, so no live OI lands first and drops it).
    const key = `binanceusdm:${BTC}`
    const btcHistoryDone = (): boolean => {
      const tasks = (live.src.venueStatuses()[0]!.backfill ?? []).filter((t) => t.task.includes(BTC))
      // OI, taker volume, the three long/short series, 5m and 1m candles, recent trades, funding.
      return tasks.length >= 9 && tasks.every((t) => t.done)
    }
    await until(btcHistoryDone, 60_000, 'the added perp’s history')
    await until(
      () => snapshotMarket(state, key)?.metrics['oi-roc-24h']?.sufficient === true,
      60_000,
      'the added perp’s OI history',
    )
    expect(snapshotMarket(state, key)!.metrics['oi-roc-24h']!.value).toBeCloseTo(
      OI_LAST_BTC / OI_24H_BEFORE_BTC - 1,
      9,
    )
    await until(() => events.some((e) => e.type === 'trade' && e.symbol === BTC), 30_000, 'a live BTC trade')

    await live.src.updateWatchlist([{ venue: 'binanceusdm', symbols: [ETH] }])
    const removedAtMs = Date.now()
    expect(live.src.connectors).toEqual([connector])
    expect(live.src.venueStatuses()[0]!.markets).toEqual([ETH])
    await new Promise((r) => setTimeout(r, 1500))
    // Nothing of the dropped perp is received after it left (what was in flight may still be delivered).
    const late = events.filter((e) => e.symbol === BTC && e.receiveTsMs > removedAtMs + 100)
    expect(late).toEqual([])
  }, 120_000)

  it('a venue that joins gets a connector of its own; one that leaves is stopped', async () => {
    const live = liveAgainst(file.emu(), {
      watchlist: [{ venue: 'binanceusdm', symbols: [BTC] }],
      watchdogMs: 30_000,
    })
    file.track(live.src)
    await live.start()
    const binance = live.src.connectors[0]!
    // Its subscriptions answered (a connection closed while ccxt still sends a subscription rejects inside
    // ccxt, unhandled).
    const delivered = (stream: string) =>
      live.events.some((e) => e.venue === 'binanceusdm' && e.type === stream)
    await until(() => delivered('book') && delivered('trade') && delivered('mark'), 30_000, 'Binance streams')
    await live.src.updateWatchlist([
      { venue: 'binanceusdm', symbols: [BTC] },
      { venue: 'bybit', symbols: [BTC] },
    ])
    expect(live.src.connectors.map((c) => c.venue)).toEqual(['binanceusdm', 'bybit'])
    expect(live.src.connectors[0]).toBe(binance)
    await until(
      () => live.events.some((e) => e.venue === 'bybit' && e.type === 'book'),
      30_000,
      'a Bybit book',
    )
    expect(live.src.label).toMatch(/^Live — binanceusdm, bybit · custom endpoint/)
    await live.src.updateWatchlist([{ venue: 'bybit', symbols: [BTC] }])
    expect(live.src.connectors.map((c) => c.venue)).toEqual(['bybit'])
    expect(binance.statusSnapshot(Date.now()).state).toBe('idle')
  }, 60_000)
})
