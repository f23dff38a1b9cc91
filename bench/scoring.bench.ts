/**
 * Scoring engine throughput on real Binance USD-M BTCUSDT trades (2024-08-08 23:54-23:59:59 UTC), the time
 * for a full 300-market snapshot, and memory per market. Prints figures; never passes or fails.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { machineLoad, REPO_ROOT, SAMPLES_DIR, SHARED_DATA } from './bench-env'
import { createMemoryLogger } from '../src/main/engine/logging/logger'
import { ScoringHost } from '../src/main/engine/scoring/scoring-host'
import { SeekStates } from '../src/main/engine/scoring/seek-state'
import { replaySessionReport } from '../src/main/engine/sessions/replay-report'
import { ReplaySource } from '../src/main/engine/sessions/replay-source'
import type { LiquidationEvent, MarketEvent, TradeEvent } from '../src/shared/market-event'
import {
  applyEvents,
  createScoringState,
  setLiquidationProximity,
  snapshotMarket,
} from '../src/shared/scoring/scoring-state'

const FILE = join(SHARED_DATA, 'binance-ws', 'usdm', 'btcusdt_20240808.gz')
const PERP = 'BTC/USDT:USDT'

function loadTrades(): TradeEvent[] {
  const out: TradeEvent[] = []
  for (const line of gunzipSync(readFileSync(FILE)).toString('utf8').split('\n')) {
    if (!line.includes('@trade')) continue
    const d = (
      JSON.parse(line.slice(line.indexOf(' ') + 1)) as {
        data: { T: number; p: string; q: string; m: boolean; t: number }
      }
    ).data
    out.push({
      type: 'trade',
      venue: 'binanceusdm',
      symbol: PERP,
      exchangeTsMs: d.T,
      receiveTsMs: d.T,
      price: Number(d.p),
      qtyBase: Number(d.q),
      takerSide: d.m ? 'sell' : 'buy', // m: the buyer is the maker, so the taker sold
      tradeId: String(d.t),
    })
  }
  return out
}

/** The recording replayed back to back, shifted in time, so windows keep moving as in a long session. */
function replicate<T extends MarketEvent>(evs: T[], passes: number, map: (e: T, shiftMs: number) => T): T[] {
  const span = evs[evs.length - 1]!.exchangeTsMs - evs[0]!.exchangeTsMs + 1000
  const out: T[] = []
  for (let p = 0; p < passes; p++) for (const e of evs) out.push(map(e, p * span))
  return out
}

function time(fn: () => void): number {
  const t = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - t) / 1e9
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

const trades = loadTrades()
const spanMin = (trades[trades.length - 1]!.exchangeTsMs - trades[0]!.exchangeTsMs) / 60_000
const volBase = trades.reduce((a, t) => a + t.qtyBase, 0)
// The file's own volume rate as ADV, so VPIN buckets run from the first trade instead of after bootstrap.
const advBase = (volBase / spanMin) * 1440
const cfg = { advBaseByMarket: { [`binanceusdm:${PERP}`]: advBase } }
const PASSES = 20
const stream = replicate(trades, PASSES, (e, s) => ({ ...e, exchangeTsMs: e.exchangeTsMs + s }))
const BATCH = 2000

// Baseline: the cheapest loop over the same events (touch price and qty).
let sink = 0
const baseline = median(
  [0, 1, 2].map(() =>
    time(() => {
      for (const e of stream) sink += e.price * e.qtyBase
    }),
  ),
)

function runTrades(events: MarketEvent[]): number {
  const s = createScoringState(cfg)
  return time(() => {
    for (let i = 0; i < events.length; i += BATCH) applyEvents(s, events.slice(i, i + BATCH))
  })
}

runTrades(stream.slice(0, 50_000)) // warm-up
const tradeSec = median([0, 1, 2].map(() => runTrades(stream)))

// The realized-liquidation path fed with the same prints (a sell print as a long liquidation): the recording
// has no liquidation stream, and this measures the update cost of that path on real sizes and times.
const liqs: LiquidationEvent[] = stream.map((t) => ({
  type: 'liquidation',
  venue: t.venue,
  symbol: t.symbol,
  exchangeTsMs: t.exchangeTsMs,
  receiveTsMs: t.receiveTsMs,
  positionSide: t.takerSide === 'sell' ? 'long' : 'short',
  price: t.price,
  qtyBase: t.qtyBase,
  usd: t.price * t.qtyBase,
}))
const liqSec = median([0, 1, 2].map(() => runTrades(liqs)))
const mixed: MarketEvent[] = []
for (let i = 0; i < stream.length; i++) mixed.push(stream[i]!, liqs[i]!)
const mixedSec = median([0, 1].map(() => runTrades(mixed)))

console.log(
  `scoring.trades_in_recording: ${trades.length} trades over ${spanMin.toFixed(1)} min (x${PASSES} passes)`,
)
console.log(
  `scoring.trades_per_s: ${Math.round(stream.length / tradeSec)} /s (VPIN + volatility bars + labels)`,
)
console.log(`scoring.liquidation_updates_per_s: ${Math.round(liqs.length / liqSec)} /s`)
console.log(`scoring.mixed_trade_liquidation_updates_per_s: ${Math.round(mixed.length / mixedSec)} /s`)
console.log(`scoring.baseline_loop_per_s: ${Math.round(stream.length / baseline)} /s`)
console.log(`scoring.trades_vs_baseline: ${(tradeSec / baseline).toFixed(1)} x slower`)

// 300 markets, each with 90 d of 8 h funding, a day of 5-minute OI, a spot pair quote, a heatmap input and
// the recording's trades, so every module holds state when the snapshot is taken.
const N = 300
const H = 3_600_000
const t0 = trades[0]!.exchangeTsMs
function marketEvents(sym: string): MarketEvent[] {
  const evs: MarketEvent[] = []
  const base = { venue: 'binanceusdm' as const, symbol: sym }
  for (let i = 270; i >= 1; i--) {
    const ts = t0 - i * 8 * H
    const r = trades[(i * 37) % trades.length]!.price / 6e8 // a varying rate taken from recorded prices (~1e-4)
    evs.push({
      ...base,
      type: 'funding',
      exchangeTsMs: ts,
      receiveTsMs: ts,
      fundingRatePerPeriod: r,
      fundingIntervalHours: 8,
      nextFundingTsMs: null,
      predictedRatePerPeriod: null,
      settled: true,
    })
  }
  for (let i = 288; i >= 0; i--) {
    const ts = t0 - i * 5 * 60_000
    const q = 80_000 + trades[(i * 53) % trades.length]!.qtyBase * 100
    evs.push({
      ...base,
      type: 'openInterest',
      exchangeTsMs: ts,
      receiveTsMs: ts,
      oiContracts: null,
      oiBase: q,
      oiUsd: q * 60_000,
    })
  }
  for (const t of trades) evs.push({ ...t, symbol: sym })
  const last = trades[trades.length - 1]!
  const spot = sym.slice(0, sym.indexOf(':'))
  evs.push({
    venue: 'binance',
    symbol: spot,
    type: 'quote',
    exchangeTsMs: last.exchangeTsMs,
    receiveTsMs: last.exchangeTsMs,
    bid: last.price - 5,
    bidQtyBase: 1,
    ask: last.price - 4,
    askQtyBase: 1,
  })
  evs.push({
    ...base,
    type: 'quote',
    exchangeTsMs: last.exchangeTsMs + 1,
    receiveTsMs: last.exchangeTsMs + 1,
    bid: last.price,
    bidQtyBase: 1,
    ask: last.price + 0.1,
    askQtyBase: 1,
  })
  return evs
}

const gc = (globalThis as { gc?: () => void }).gc
gc?.()
const mem = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
const heapBefore = mem()
const big = createScoringState()
for (let i = 0; i < N; i++) {
  const sym = i === 0 ? PERP : `M${i}/USDT:USDT`
  applyEvents(big, marketEvents(sym))
  setLiquidationProximity(big, `binanceusdm:${sym}`, {
    asOfMs: t0,
    nearestAbovePrice: null,
    nearestAboveUsd: null,
    nearestBelowPrice: null,
    nearestBelowUsd: null,
    usdWithin1Pct: 1e8,
    usdWithin2Pct: 3e8,
  })
}
gc?.()
const heapAfter = mem()
const keys = [...big.markets.keys()].filter((k) => k.startsWith('binanceusdm:'))
for (let r = 0; r < 3; r++) for (const k of keys) snapshotMarket(big, k) // warm-up
const snapTimes = Array.from({ length: 15 }, () =>
  time(() => {
    for (const k of keys) snapshotMarket(big, k)
  }),
)
const snapBaseline = median(
  Array.from({ length: 15 }, () =>
    time(() => {
      for (const k of keys) sink += big.markets.get(k)!.eventCount
    }),
  ),
)
console.log(
  `scoring.snapshot_markets: ${keys.length} perps (state also holds ${big.markets.size - keys.length} spot pairs)`,
)
console.log(`scoring.snapshot_all_ms: ${(median(snapTimes) * 1000).toFixed(2)} ms (median of 15)`)
console.log(`scoring.snapshot_per_market_us: ${((median(snapTimes) / keys.length) * 1e6).toFixed(1)} us`)
console.log(`scoring.snapshot_vs_baseline_lookup: ${(median(snapTimes) / snapBaseline).toFixed(0)} x`)
console.log(
  `scoring.memory_per_market_kb: ${((heapAfter - heapBefore) / big.markets.size / 1024).toFixed(1)} KiB (heap + typed arrays over ${big.markets.size} markets${gc ? '' : ', no --expose-gc: approximate'})`,
)
if (sink === 42) console.log('')

// ---- Label changes per market-day: how often each regime label flips (an alert on a flapping label is noise).
// Tick samples are minutes long (a day's rate from them is an extrapolation, printed with the span); the
// futures-metrics week gives a week of 5-minute bars.
function labelFlips(file: string): string {
  const prev = new Map<string, string>()
  const flips = new Map<string, number>()
  const markets = new Set<string>()
  let first = Infinity
  let last = -Infinity
  replaySessionReport(join(SAMPLES_DIR, file), {
    snapshotEveryMs: 60_000,
    onSnapshots: (t, snaps) => {
      first = Math.min(first, t)
      last = Math.max(last, t)
      for (const s of snaps) {
        markets.add(s.key)
        for (const [id, v] of Object.entries(s.labels)) {
          if (v === null) continue
          const k = `${s.key} ${id}`
          const was = prev.get(k)
          if (was !== undefined && was !== v) flips.set(id, (flips.get(id) ?? 0) + 1)
          prev.set(k, v)
        }
      }
    },
  })
  const days = Math.max(last - first, 60_000) / 86_400_000
  const per = [...flips]
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => `${id} ${(n / markets.size / days).toFixed(1)}`)
  return `${file}: ${(days * 24).toFixed(2)} h, ${markets.size} markets; changes per market-day: ${per.join(', ') || 'none'}`
}
for (const f of [
  'binance-btcusdt-2023-04-05.radar',
  'binance-btc-eth-2024-08-08.radar',
  'binance-futures-metrics-2024-05-09-week.radar',
])
  console.log(`scoring.label_flips: ${labelFlips(f)}`)

// ---- The scoring worker under load: a max-speed replay of the week with a seek every 1.5 s; the longest
// gap between heartbeats the engine saw, and whether the watchdog restarted the worker.
async function heartbeatUnderLoad(): Promise<void> {
  const week = join(SAMPLES_DIR, 'binance-futures-metrics-2024-05-09-week.radar')
  const host = new ScoringHost({
    workerPath: join(REPO_ROOT, 'test', 'support', 'ts-worker.mjs'),
    workerOptions: { workerData: { entry: join(REPO_ROOT, 'src/main/engine/scoring/worker.ts') } },
    logger: createMemoryLogger(),
    onSnapshots: () => {},
    onStatusChange: () => {},
    onRestart: () => {},
  })
  host.start()
  while (host.getStatus().state !== 'running') await new Promise((r) => setTimeout(r, 20))
  const source = new ReplaySource(week, { speed: 'max', settled: () => host.settled() })
  const seeks = new SeekStates(week, host.pipelineConfig())
  let maxGapMs = 0
  const poll = setInterval(() => {
    maxGapMs = Math.max(maxGapMs, host.getStatus().lastHeartbeatAgeMs ?? 0)
  }, 25)
  const { startTsMs, spanMs } =
    source.position().startTsMs === null
      ? { startTsMs: 0, spanMs: 0 }
      : {
          startTsMs: source.position().startTsMs!,
          spanMs: source.position().endTsMs! - source.position().startTsMs!,
        }
  let nSeeks = 0
  const t0 = performance.now()
  await new Promise<void>((done) => {
    source.onChange((p) => p.state === 'ended' && done())
    void source.start((events) => host.send(events))
    const seekLoop = async (): Promise<void> => {
      // Targets spread over the week, from a fixed sequence: runs are comparable.
      for (const f of [0.2, 0.6, 0.35, 0.8, 0.5, 0.9]) {
        await new Promise((r) => setTimeout(r, 1500))
        if (source.position().state === 'ended' || performance.now() - t0 > 90_000) return
        const target = seeks.alignTarget(startTsMs + f * spanMs, startTsMs + spanMs)
        source.pause()
        source.seek(target)
        const cp = await seeks.stateAt(target)
        if (cp) host.restoreAt(cp)
        nSeeks++
        source.play()
      }
    }
    void seekLoop()
  })
  clearInterval(poll)
  const s = host.getStatus()
  console.log(
    `scoring.heartbeat_gap_max_ms: ${maxGapMs} ms over ${((performance.now() - t0) / 1000).toFixed(1)} s of max-speed replay with ${nSeeks} seeks; restarts ${s.restarts}${s.lastRestartReason ? ` (${s.lastRestartReason})` : ''} (${machineLoad()})`,
  )
  await source.stop()
  await host.stop()
}
await heartbeatUnderLoad()
