import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../../src/main/engine/emulator/emulator'
import type { RunningEmulator } from '../../../src/main/engine/emulator/emulator'
import { LiveSource } from '../../../src/main/engine/connectors/live-source'
import { applyEvents, createScoringState, snapshotMarket } from '../../../src/shared/scoring/scoring-state'
import { DEFAULT_PIPELINE_CONFIG, ScoringPipeline } from '../../../src/shared/scoring/scoring-pipeline'
import { bundledTiersLookup } from '../../../src/main/engine/scoring/tiers-lookup'
import type { MarketEvent, TradeEvent } from '../../../src/shared/market-event'
import { liveAgainst, until } from './helpers'

/*
 * Values read by hand from ../shared/data/binance-futures-metrics/BTCUSDT.csv (what the emulator serves as
 * /futures/data/openInterestHist and /fapi/v1/klines): the last bar opens 2024-05-16 19:35 UTC and closes
 * 19:40 UTC (1715888400000). The emulator shifts the week so that this bar closes where the perp's replay
 * starts, 2023-04-05 00:00 UTC (1680652800000; docs/emulator.md), so the scorer's clock stands in the replay's
 * first five minutes while the test reads it. Its `sumOpenInterest` (BTC) is 72209.196; 24 h before the
 * clock, the bar that closed 2024-05-15 19:40 UTC (served as 2023-04-04 00:00), 73400.039.
 */
const REPLAY_START_MS = 1680652800000
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
  // OI, taker volume, 5m and 1m candles, recent trades, funding and the three long/short series.
  return tasks.length >= 9 && tasks.every((t) => t.done)
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
    expect(snap.evaluatedAtMs).toBeGreaterThanOrEqual(REPLAY_START_MS)
    expect(snap.evaluatedAtMs).toBeLessThan(REPLAY_START_MS + 300_000)
    const roc = snap.metrics['oi-roc-24h']!
    // Before history was delivered oldest first and ahead of the pollers, this said "needs 24 h of open
    // interest, has 5 min": the scorer dropped every backfilled row older than the first polled value.
    expect(roc.reason).toBeNull()
    expect(roc.sufficient).toBe(true)
    expect(roc.value).toBeCloseTo(OI_LAST_BTC / OI_24H_BEFORE_BTC - 1, 9)
    expect(snap.metrics['oi-roc-4h']!.sufficient).toBe(true)
  }, 90_000)

  it('after the seed history every history-fed metric and the liquidation map are there, and the REST trades are the recorded ones', async () => {
    // The app's own pipeline: scores and the liquidation map, fed as the scoring worker feeds them.
    const pipeline = new ScoringPipeline({ config: DEFAULT_PIPELINE_CONFIG, tiersFor: bundledTiersLookup() })
    // The perp recording has no trade for its first 7 s: a short watchdog would reconnect and fetch the gap.
    const live = liveAgainst(emu, {
      watchlist: [{ venue: 'binanceusdm', symbols: [PERP] }],
      watchdogMs: 30_000,
    })
    src = live.src
    await live.src.start((batch) => {
      live.events.push(...batch)
      pipeline.push(batch)
    })
    await until(() => allDone(live.src, 'binanceusdm'), 100_000, 'the history backfill')
    const tasks = live.src.venueStatuses()[0]!.backfill!
    for (const name of ['1m candles', '5m candles', 'recent trades', 'taker volume history'])
      expect(tasks.find((t) => t.task === `binanceusdm ${PERP} ${name}`)?.error, name).toBeUndefined()
    // usdm/btcusdt_20230404.dat.gz, the recording before the replayed one, first trade: {"T":1680652700452,
    // "t":3535186032,"p":"28145.10","q":"0.002","m":true} (buyer is maker: the taker sold), served as aggTrades.
    const first = live.events.find((e) => e.type === 'trade' && e.tradeId === '3535186032') as TradeEvent
    expect(first).toMatchObject({
      price: 28145.1,
      qtyBase: 0.002,
      takerSide: 'sell',
      exchangeTsMs: 1680652700452,
    })
    // The REST trades come first, then the held live ones after the newest of them: each trade once, in time order.
    // (3535188229 is the replayed file's first trade, 7 s in; a hundred trades later is about 11 s in.)
    const tradesAtDone = live.events.filter((e) => e.type === 'trade').length
    await until(
      () =>
        live.events.filter((e) => e.type === 'trade').length > tradesAtDone &&
        live.events.some((e) => e.type === 'trade' && Number(e.tradeId) > 3535188229 + 100),
      60_000,
      'live trades after the seed',
    )
    const trades = live.events.filter((e): e is TradeEvent => e.type === 'trade')
    expect(new Set(trades.map((t) => t.tradeId)).size).toBe(trades.length)
    for (let i = 1; i < trades.length; i++)
      expect(trades[i]!.exchangeTsMs, trades[i]!.tradeId).toBeGreaterThanOrEqual(trades[i - 1]!.exchangeTsMs)
    await until(
      () => pipeline.snapshot(KEY)?.metrics['liq-prox-above-usd']?.sufficient === true,
      20_000,
      'the liquidation map',
    )
    const m = pipeline.snapshot(KEY)!.metrics
    // The history-fed metrics: funding (90 d), OI (the recorded week), long/short, and the map seeded from OI,
    // candles and the taker split of the backfill window.
    for (const id of [
      'funding-percentile',
      'funding-zscore',
      'oi-roc-24h',
      'oi-roc-4h',
      'ls-global',
      'ls-top-accounts',
      'ls-top-positions',
      'liq-prox-above-usd',
      'liq-prox-below-usd',
      'price-change-24h',
    ])
      expect(m[id]?.sufficient, `${id}: ${m[id]?.reason ?? ''}`).toBe(true)
  }, 200_000)

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

describe('warm start when venues refuse', () => {
  it('klines rate-limited past the retries and an unreachable venue: the reachable one is live and each refusal says why', async () => {
    // Every kline request answers 429 (Retry-After 1 s); other Binance history still answers. After the test
    // file's refusal test the /futures/data/ 500s are still pending too: only funding and trades load.
    emu.inject({ kind: '429', count: 10_000, pathPrefix: '/fapi/v1/klines' })
    const closed = { restUrl: 'http://127.0.0.1:9', wsUrl: 'ws://127.0.0.1:9' }
    const o = { restUrl: emu.restUrl, wsUrl: emu.wsUrl }
    const live = new LiveSource({
      watchlist: [
        { venue: 'binanceusdm', symbols: [PERP] },
        { venue: 'okx', symbols: [PERP] },
      ],
      overrides: { binanceusdm: o, okx: closed },
      flushMs: 20,
      restBudget: { concurrency: 2, backoff: { baseMs: 20, maxMs: 50, jitter: 0 }, maxRetries: 1 },
    })
    src = live
    const events: MarketEvent[] = []
    await live.start((batch) => events.push(...batch))
    await until(() => allDone(live, 'binanceusdm'), 60_000, 'the binance backfill to end')
    await until(
      () => events.some((e) => e.venue === 'binanceusdm' && e.type === 'trade'),
      20_000,
      'binance trades',
    )
    const [binance, okx] = ['binanceusdm', 'okx'].map((v) => live.venueStatuses().find((s) => s.venue === v)!)
    const task = (name: string) => binance!.backfill!.find((t) => t.task === `binanceusdm ${PERP} ${name}`)
    for (const name of ['5m candles', '1m candles']) expect(task(name)?.error, name).toMatch(/429|rate/i)
    expect(task('recent trades')?.error).toBeUndefined()
    expect(task('funding history')?.error).toBeUndefined()
    expect(binance!.state).toBe('connected')
    expect(okx!.state).toBe('down')
    expect(okx!.message).toMatch(/ECONNREFUSED|fetch failed|connect|network/i)
  }, 90_000)
})
