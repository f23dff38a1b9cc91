/**
 * What a trade costs outside the per-second evaluation: the scoring state (minute bars, VPIN, volatility
 * windows, basis on trade) and the radar core (scoring plus the liquidation heatmap) with the evaluation
 * cadence set out of reach, beside the typed-array floor in the same rounds; the garbage collections one
 * pass over the trades causes; and the radar core over the bars week, where every closed bar searches the
 * heatmap's nearest clusters. Real Binance USD-M BTCUSDT trades (2024-08-08), VPIN buckets sized by the
 * production rule (ADV / 50 from the first 30 minutes). Prints figures; never passes or fails.
 */
import { resolve } from 'node:path'
import { PerformanceObserver } from 'node:perf_hooks'
import { alternate, machineLoad, median, ratio, SAMPLES_DIR } from './bench-env'
import { floorPass, tradeColumns } from './scoring-floor'
import { bundledTiersLookup } from '../src/main/engine/scoring/tiers-lookup'
import { SessionBatcher } from '../src/main/engine/sessions/session-batcher'
import { SessionReader } from '../src/main/engine/sessions/session-reader'
import type { MarketEvent, TradeEvent } from '../src/shared/market-event'
import { applyCoreEvents, createRadarCore } from '../src/shared/radar-core'
import { applyEvents, createScoringState } from '../src/shared/scoring/scoring-state'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const OUT_OF_REACH = { evalIntervalMs: 1e9 }
const BATCH = 2000
const PASSES = 20
const out = (line: string): void => console.log(`${line}  (${machineLoad()})`)
const M = (x: number): string => `${(x / 1e6).toFixed(2)} M/s`

/** Every event of a bundled session, in the replay's batches. */
function sessionBatches(file: string): MarketEvent[][] {
  const reader = SessionReader.open(resolve(SAMPLES_DIR, file))
  const batcher = new SessionBatcher(reader.events())
  const list: MarketEvent[][] = []
  for (let b = batcher.next(); b; b = batcher.next()) list.push(b.events)
  reader.close()
  return list
}

// The bundled recording's BTCUSDT perp trades (the same 21,313 prints as the scoring bench's), played back
// to back, shifted in time, so the minute bars and VPIN windows keep moving as in a long session.
const recorded = sessionBatches('binance-btc-eth-2024-08-08.radar')
  .flat()
  .filter(
    (e): e is TradeEvent => e.type === 'trade' && e.venue === 'binanceusdm' && e.symbol === 'BTC/USDT:USDT',
  )
const spanMs = recorded[recorded.length - 1]!.exchangeTsMs - recorded[0]!.exchangeTsMs + 1000
const stream: TradeEvent[] = []
for (let p = 0; p < PASSES; p++)
  for (const t of recorded) stream.push({ ...t, exchangeTsMs: t.exchangeTsMs + p * spanMs })
const batches: MarketEvent[][] = []
for (let i = 0; i < stream.length; i += BATCH) batches.push(stream.slice(i, i + BATCH))
const tiersFor = bundledTiersLookup()

const scoringPass = (): void => {
  const s = createScoringState(OUT_OF_REACH)
  for (const b of batches) applyEvents(s, b)
}
const corePass = (): void => {
  const core = createRadarCore({ tiersFor, scoring: OUT_OF_REACH })
  for (const b of batches) applyCoreEvents(core, b)
}

// The three loops alternate round by round (one warm-up round), so a load spike hits each of them.
const s0 = createScoringState(OUT_OF_REACH)
for (const b of batches) applyEvents(s0, b)
const v0 = s0.markets.get('binanceusdm:BTC/USDT:USDT')!.vpin
const cols = tradeColumns(stream)
let sink = 0
const rates = await alternate(ROUNDS, {
  scoring: () => (scoringPass(), stream.length),
  core: () => (corePass(), stream.length),
  floor: () => ((sink += floorPass(cols, v0.bucketVolBase!).check), stream.length),
})
const share = (xs: number[]): string => `${(ratio(xs, rates.floor!) * 100).toFixed(2)} % of the floor`
out(
  `trade_path.trades: ${recorded.length} BTCUSDT perp trades x${PASSES} passes = ${stream.length} updates; VPIN buckets of ${v0.bucketVolBase!.toFixed(1)} BTC (ADV / 50 from the first 30 min), ${v0.bucketsCompleted} closed over the run`,
)
out(
  `trade_path.scoring_per_s: ${M(median(rates.scoring!))}, ${share(rates.scoring!)} (applyEvents: bars, VPIN, volatility, basis on trade; evaluation out of reach; median of ${ROUNDS})`,
)
out(
  `trade_path.core_per_s: ${M(median(rates.core!))}, ${share(rates.core!)} (applyCoreEvents: the same plus the liquidation heatmap)`,
)
out(
  `trade_path.floor_per_s: ${M(median(rates.floor!))} (typed-array VPIN buckets + minute bars, same rounds)`,
)

// Garbage collections during one radar-core pass: none means no allocation per trade reached the collector.
async function gcDuring(fn: () => void): Promise<{ count: number; ms: number }> {
  const seen = { count: 0, ms: 0 }
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      seen.count++
      seen.ms += e.duration
    }
  })
  ;(globalThis as { gc?: () => void }).gc?.()
  await new Promise((r) => setTimeout(r, 10))
  obs.observe({ entryTypes: ['gc'] })
  fn()
  await new Promise((r) => setTimeout(r, 10))
  obs.disconnect()
  return seen
}
const g = await gcDuring(corePass)
out(
  `trade_path.gc_per_core_pass: ${g.count} collections, ${g.ms.toFixed(1)} ms over ${stream.length} trades (state built in the pass included)`,
)

// The whole recording as the feed gives it (perp and spot trades, quotes and books of BTC and ETH): the
// quotes and books are most of it, and every perp takes basis samples against its spot market.
const mixed = recorded.length > 0 ? sessionBatches('binance-btc-eth-2024-08-08.radar') : []
const mixedEvents = mixed.reduce((n, b) => n + b.length, 0)
const mixedPass = (): number => {
  const core = createRadarCore({ tiersFor, scoring: OUT_OF_REACH })
  for (const b of mixed) applyCoreEvents(core, b)
  return mixedEvents
}
const mixedRates = await alternate(ROUNDS, { mixed: mixedPass })
const gm = await gcDuring(mixedPass)
out(
  `trade_path.core_recording_per_s: ${M(median(mixedRates.mixed!))} (applyCoreEvents over the BTC & ETH recording's ${mixedEvents} events in the replay's batches, evaluation out of reach); ${gm.count} collections, ${gm.ms.toFixed(1)} ms in one pass`,
)

// The bars week through the radar core: the clusters are searched once per closed bar, from the price out.
const week = sessionBatches('binance-futures-metrics-2024-05-09-week.radar')
const weekEvents = week.reduce((n, b) => n + b.length, 0)
const weekRates = await alternate(ROUNDS, {
  week: () => {
    const core = createRadarCore({ tiersFor })
    for (const b of week) applyCoreEvents(core, b)
    return weekEvents
  },
})
out(
  `trade_path.core_bars_week_per_s: ${(median(weekRates.week!) / 1e3).toFixed(1)} k events/s (${weekEvents} events in ${week.length} batches, evaluation each second, median of ${ROUNDS})`,
)
if (sink === 42) console.log('')
