/**
 * Scoring engine throughput on real Binance USD-M BTCUSDT trades (2024-08-08 23:54-23:59:59 UTC) beside its
 * typed-array floor in the same rounds, the time and GC pauses of a 1,200-market snapshot, and memory per
 * universe-only and per watchlist market, each beside its goal. Prints figures; never passes or fails.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { machineLoad, REPO_ROOT, SAMPLES_DIR, SHARED_DATA } from './bench-env'
import { floorPass, tradeColumns } from './scoring-floor'
import { eventToSnapshot } from './scoring-latency'
import { p95, timeSnapshots } from './scoring-snapshots'
import { createMemoryLogger } from '../src/main/engine/logging/logger'
import { ScoringHost } from '../src/main/engine/scoring/scoring-host'
import { SeekStates } from '../src/main/engine/scoring/seek-state'
import { replaySessionReport } from '../src/main/engine/sessions/replay-report'
import { ReplaySource } from '../src/main/engine/sessions/replay-source'
import type { LiquidationEvent, MarketEvent, TradeEvent } from '../src/shared/market-event'
import type { MarketState } from '../src/shared/scoring/market-state'
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

/** A recorded print as a realized liquidation (a sell print as a long liquidation), for the liquidation path. */
function asLiquidation(t: TradeEvent): LiquidationEvent {
  return {
    type: 'liquidation',
    venue: t.venue,
    symbol: t.symbol,
    exchangeTsMs: t.exchangeTsMs,
    receiveTsMs: t.receiveTsMs,
    positionSide: t.takerSide === 'sell' ? 'long' : 'short',
    price: t.price,
    qtyBase: t.qtyBase,
    usd: t.price * t.qtyBase,
  }
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

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const out = (line: string): void => console.log(`${line}  (${machineLoad()})`)
const M = (x: number): string => `${(x / 1e6).toFixed(2)} M/s`

const trades = loadTrades()
const spanMin = (trades[trades.length - 1]!.exchangeTsMs - trades[0]!.exchangeTsMs) / 60_000
const PASSES = 20
const stream = replicate(trades, PASSES, (e, s) => ({ ...e, exchangeTsMs: e.exchangeTsMs + s }))
const BATCH = 2000

/**
 * Production configuration: no ADV given, so VPIN sizes its buckets from its own first 30 minutes of volume
 * (ADV / 50) and they close at the rate a live market closes them.
 */
function runTrades(events: readonly MarketEvent[]): { sec: number; buckets: number; bucketVol: number } {
  const s = createScoringState()
  const sec = time(() => {
    for (let i = 0; i < events.length; i += BATCH) applyEvents(s, events.slice(i, i + BATCH))
  })
  const v = s.markets.get(`binanceusdm:${PERP}`)!.vpin
  return { sec, buckets: v.bucketsCompleted, bucketVol: v.bucketVolBase ?? NaN }
}

// Scoring and its typed-array floor alternate round by round (one warm-up round), so load hits both.
const cols = tradeColumns(stream)
const first = runTrades(stream)
let sink = 0
const scoreRates: number[] = []
const floorRates: number[] = []
for (let r = -1; r < ROUNDS; r++) {
  const sc = runTrades(stream)
  let f = { buckets: 0, check: 0 }
  const fSec = time(() => (f = floorPass(cols, first.bucketVol)))
  sink += f.check
  if (r < 0) continue
  scoreRates.push(stream.length / sc.sec)
  floorRates.push(stream.length / fSec)
}
const tradeRate = median(scoreRates)
const share = median(scoreRates.map((x, i) => x / floorRates[i]!))
out(
  `scoring.trades_in_recording: ${trades.length} trades over ${spanMin.toFixed(1)} min (x${PASSES} passes, ${stream.length} updates); VPIN buckets of ${first.bucketVol.toFixed(1)} BTC sized from the first 30 min, ${first.buckets} closed per run`,
)
out(
  `scoring.trades_per_s: ${M(tradeRate)} (VPIN + volatility bars + labels, median of ${ROUNDS}); goal ≥ 5 M/s: ${(tradeRate / 5e6).toFixed(2)}x of goal`,
)
out(`scoring.floor_per_s: ${M(median(floorRates))} (typed-array VPIN buckets + minute bars, same rounds)`)
out(
  `scoring.share_of_floor: ${(share * 100).toFixed(2)} % (median of per-round ratios); goal ≥ 10 %: ${(share / 0.1).toFixed(2)}x of goal`,
)

// The realized-liquidation path fed with the same prints (a sell print as a long liquidation): the recording
// has no liquidation stream, and this measures the update cost of that path on real sizes and times.
const liqs = stream.map(asLiquidation)
out(`scoring.liquidation_updates_per_s: ${M(liqs.length / median([0, 1, 2].map(() => runTrades(liqs).sec)))}`)

// ---- 1,200 markets: 100 watchlist perps (funding, OI, quotes and every 4th recorded trade) and 1,100
// universe-only perps (funding, OI, mark and quote, no trades), so every module holds state at the snapshot.
const N_WATCH = 100
const N_UNIVERSE = 1100
const H = 3_600_000
const t0 = trades[0]!.exchangeTsMs
const last = trades[trades.length - 1]!
const thinned = trades.filter((_, i) => i % 4 === 0)
function marketEvents(sym: string, withTrades: boolean): MarketEvent[] {
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
  if (withTrades) for (const t of thinned) evs.push({ ...t, symbol: sym })
  const quote = (venue: 'binance' | 'binanceusdm', symbol: string, ts: number, bid: number): MarketEvent => ({
    venue,
    symbol,
    type: 'quote',
    exchangeTsMs: ts,
    receiveTsMs: ts,
    bid,
    bidQtyBase: 1,
    ask: bid + 0.1,
    askQtyBase: 1,
  })
  evs.push(quote('binance', sym.slice(0, sym.indexOf(':')), last.exchangeTsMs, last.price - 5))
  evs.push({
    ...base,
    type: 'mark',
    exchangeTsMs: last.exchangeTsMs,
    receiveTsMs: last.exchangeTsMs,
    markPrice: last.price,
    indexPrice: last.price - 3,
  } as MarketEvent)
  evs.push(quote('binanceusdm', sym, last.exchangeTsMs + 1, last.price))
  return evs
}

const big = createScoringState()
const setupSec = time(() => {
  for (let i = 0; i < N_WATCH + N_UNIVERSE; i++) {
    const sym = i === 0 ? PERP : `M${i}/USDT:USDT`
    applyEvents(big, marketEvents(sym, i < N_WATCH))
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
})
const keys = [...big.markets.keys()].filter((k) => k.startsWith('binanceusdm:'))
for (let r = 0; r < 3; r++) for (const k of keys) snapshotMarket(big, k) // warm-up
// The setup's garbage (the markets' histories, built in seconds here where a worker's warm start spreads them
// over minutes) is collected before the timed rounds, so a full collection inside them is the rounds' doing.
const gcNow = (globalThis as { gc?: () => void }).gc
gcNow?.()

// Between snapshots, 250 ms of exchange time as the engine would take it: every watchlist perp's trades of the
// recording's next 250 ms (every 4th print, as in the setup) and a quote, and the universe's once-a-minute
// refresh spread over the minute (1,100 markets / 240 batches: 4-5 marks a batch), in time order. Markets that
// took an event are evaluated again; quiet ones at least every `snapshotReuseMs` (5 s: 20 batches; 80 batches here).
const SNAP_BATCH_MS = 250
const SNAP_ROUNDS = 80
const shiftMs = last.exchangeTsMs + 1000 - t0
const snapBatches: MarketEvent[][] = []
let touchedPerBatch = 0
for (let b = 0; b < SNAP_ROUNDS; b++) {
  const from = t0 + b * SNAP_BATCH_MS
  const batch: MarketEvent[] = []
  const prints = thinned.filter((t) => t.exchangeTsMs >= from && t.exchangeTsMs < from + SNAP_BATCH_MS)
  const endTs = from + SNAP_BATCH_MS - 1 + shiftMs
  for (let i = 0; i < N_WATCH; i++) {
    const symbol = i === 0 ? PERP : `M${i}/USDT:USDT`
    for (const t of prints) batch.push({ ...t, symbol, exchangeTsMs: t.exchangeTsMs + shiftMs })
    const px = prints[prints.length - 1]?.price ?? last.price
    batch.push({
      venue: 'binanceusdm',
      symbol,
      type: 'quote',
      exchangeTsMs: endTs,
      receiveTsMs: endTs,
      bid: px,
      bidQtyBase: 1,
      ask: px + 0.1,
      askQtyBase: 1,
    })
  }
  const perBatch = (N_UNIVERSE * SNAP_BATCH_MS) / 60_000
  for (let j = Math.floor(b * perBatch); j < Math.floor((b + 1) * perBatch); j++) {
    const symbol = `M${N_WATCH + (j % N_UNIVERSE)}/USDT:USDT`
    batch.push({
      venue: 'binanceusdm',
      symbol,
      type: 'mark',
      exchangeTsMs: endTs,
      receiveTsMs: endTs,
      markPrice: last.price,
      indexPrice: last.price - 3,
    } as MarketEvent)
  }
  batch.sort((a, z) => a.exchangeTsMs - z.exchangeTsMs)
  touchedPerBatch += new Set(batch.map((e) => e.symbol)).size / SNAP_ROUNDS
  snapBatches.push(batch)
}
// Rounds alternate the reuse (the default 5 s) and none (every snapshot evaluates every market at the clock).
const [snaps, noReuse] = await timeSnapshots(big, keys, snapBatches, [
  big.config,
  { ...big.config, snapshotReuseMs: 0 },
])
const snapP95 = p95(snaps!.timesMs)
// What a full collection of this heap costs when one falls due (forced, so the worst case: no concurrent marking).
const fullGcMs = gcNow ? time(gcNow) * 1000 : null
const heapMb = process.memoryUsage().heapUsed / 1e6 // live, after that collection
const mb = (x: number | null): string => (x === null ? 'n/a' : `${x.toFixed(2)} MB`)
out(
  `scoring.snapshot_markets: ${keys.length} perps (${N_WATCH} with trades, ${N_UNIVERSE} universe-only; ${big.markets.size - keys.length} spot pairs), built in ${setupSec.toFixed(1)} s`,
)
out(
  `scoring.snapshot_all_ms: p95 ${snapP95.toFixed(1)} ms, median ${median(snaps!.timesMs).toFixed(1)} ms (${snaps!.timesMs.length} snapshots of all, each after a batch of ${SNAP_BATCH_MS} ms of events touching ${touchedPerBatch.toFixed(0)} markets, not timed); goal < 20 ms: ${(snapP95 / 20).toFixed(2)}x of the limit`,
)
out(
  `scoring.snapshot_gc_max_ms: ${snaps!.gcMaxMs.toFixed(1)} ms largest GC pause starting inside them (${snaps!.gcCount} pauses); goal < 50 ms: ${(snaps!.gcMaxMs / 50).toFixed(2)}x of the limit`,
)
out(
  `scoring.snapshot_old_gen_growth: ${mb(snaps!.promotedMbPerSnapshot)} a snapshot of all with reuse, ${mb(noReuse!.promotedMbPerSnapshot)} without; a full collection of the heap (${heapMb.toFixed(0)} MB live) takes ${fullGcMs === null ? 'n/a (no --expose-gc)' : `${fullGcMs.toFixed(1)} ms`}`,
)
out(
  `scoring.snapshot_all_no_reuse_ms: p95 ${p95(noReuse!.timesMs).toFixed(1)} ms, median ${median(noReuse!.timesMs).toFixed(1)} ms (snapshotReuseMs 0, in rounds alternating with the above); reuse / none, medians: ${(median(snaps!.timesMs) / median(noReuse!.timesMs)).toFixed(2)}x; largest GC pause ${noReuse!.gcMaxMs.toFixed(1)} ms`,
)
// A universe refresh: every market takes an event at once, so every snapshot is a fresh evaluation.
const refreshes = Array.from({ length: 5 }, (_, r) => {
  const ts = last.exchangeTsMs + shiftMs + SNAP_ROUNDS * SNAP_BATCH_MS + (r + 1) * 60_000
  return keys.map(
    (k) =>
      ({
        venue: 'binanceusdm',
        symbol: k.slice(k.indexOf(':') + 1),
        type: 'mark',
        exchangeTsMs: ts,
        receiveTsMs: ts,
        markPrice: last.price,
        indexPrice: last.price - 3,
      }) as MarketEvent,
  )
})
const [fresh] = await timeSnapshots(big, keys, refreshes)
out(
  `scoring.snapshot_all_after_refresh_ms: median ${median(fresh!.timesMs).toFixed(1)} ms, max ${Math.max(...fresh!.timesMs).toFixed(1)} ms (5 snapshots of all, each after every market took an event: ${((median(fresh!.timesMs) * 1000) / keys.length).toFixed(0)} µs a market); largest GC pause ${fresh!.gcMaxMs.toFixed(1)} ms`,
)

// ---- Memory per market: heap + typed arrays held by structured clones of one market, divided by copies.
const gc = (globalThis as { gc?: () => void }).gc
const mem = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
function bytesPerMarket(m: MarketState, copies = 200): number {
  gc?.()
  const before = mem()
  const held = Array.from({ length: copies }, () => structuredClone(m))
  gc?.()
  const bytes = (mem() - before) / copies
  sink += held.length
  return bytes
}

/** A watchlist market after a full day: the recording replayed (every 8th trade) across 24 h, plus history. */
function fullDayMarket(): MarketState {
  const s = createScoringState()
  applyEvents(s, marketEvents(PERP, false))
  const sparse = trades.filter((_, i) => i % 8 === 0)
  const passes = Math.ceil(1440 / spanMin) + 1
  const day = replicate(sparse, passes, (e, sh) => ({
    ...e,
    exchangeTsMs: last.exchangeTsMs + 1000 + e.exchangeTsMs - t0 + sh,
  }))
  // Every 50th print also as a liquidation, in time order, so the liquidation windows fill as they would.
  const mixed: MarketEvent[] = []
  day.forEach((t, i) => (i % 50 === 0 ? mixed.push(t, asLiquidation(t)) : mixed.push(t)))
  for (let i = 0; i < mixed.length; i += BATCH) applyEvents(s, mixed.slice(i, i + BATCH))
  return s.markets.get(`binanceusdm:${PERP}`)!
}

const KiB = (b: number): string => `${(b / 1024).toFixed(1)} KiB`
const universeBytes = bytesPerMarket(big.markets.get('binanceusdm:M500/USDT:USDT')!)
const fullBytes = bytesPerMarket(fullDayMarket(), 50)
const note = gc ? '' : ' (no --expose-gc: approximate)'
out(
  `scoring.memory_universe_market: ${KiB(universeBytes)} (90 d funding, a day of OI, mark, quote)${note}; goal ≤ 32 KiB: ${(universeBytes / 32768).toFixed(2)}x of the limit`,
)
out(
  `scoring.memory_watchlist_market: ${KiB(fullBytes)} (a full day of trades, minute bars, VPIN, liquidations, funding, OI)${note}; goal ≤ 256 KiB: ${(fullBytes / 262144).toFixed(2)}x of the limit`,
)
if (sink === 42) console.log('')

// ---- Event -> snapshot through the scoring worker (adaptive flush): a quiet feed and a busy one.
for (const [perSec, goalMs] of [
  [10, 50],
  [1000, 100],
] as const) {
  const f = await eventToSnapshot(trades, perSec, 3)
  out(
    `scoring.event_to_snapshot_${perSec}_per_s: p95 ${f.p95Ms.toFixed(1)} ms, p50 ${f.p50Ms.toFixed(1)} ms over ${f.events} events; event -> pixel goal < ${goalMs} ms (add ui.update_to_pixel_p95): ${(f.p95Ms / goalMs).toFixed(2)}x of the limit before drawing`,
  )
}

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
