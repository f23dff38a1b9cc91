/**
 * Liquidation heatmap: update cost per bar and memory of a 30-day, 1-minute map of ~500 price cells.
 * Input: the real BTC/USDT:USDT 5-minute bars (open interest, taker volume, OHLC) of the bundled week sample,
 * each played as a 1-minute bar, forwards then backwards alternately (so the price path stays continuous)
 * until 43,200 bars = 30 days. Tiers: the bundled Binance snapshot. Baseline: a trivial loop over the same
 * events (sums of their numbers), measured in the same run; memory beside the input events and beside a
 * dense time × price matrix of the same size.
 */
import { resolve } from 'node:path'
import { loadBundledTiers } from '../src/main/engine/sizing/bundled-tiers'
import { SessionReader } from '../src/main/engine/sessions/session-reader'
import type { HeatmapState } from '../src/shared/heatmap/heatmap-state'
import { applyHeatmapEvent, createHeatmapState, flushHeatmapBar } from '../src/shared/heatmap/heatmap-state'
import { heatmapView } from '../src/shared/heatmap/heatmap-view'
import { LAYERS } from '../src/shared/heatmap/price-grid'
import type {
  CandleEvent,
  MarketEvent,
  OpenInterestEvent,
  TakerVolumeEvent,
} from '../src/shared/market-event'

const SYMBOL = 'BTC/USDT:USDT'
const BARS = 30 * 1440
const BAR_MS = 60_000
const gc = (globalThis as { gc?: () => void }).gc

interface RealBar {
  oi: OpenInterestEvent | null
  taker: TakerVolumeEvent | null
  candle: CandleEvent | null
}

function realBars(): RealBar[] {
  const path = resolve('resources/samples/binance-futures-metrics-2024-05-09-week.radar')
  const reader = SessionReader.open(path)
  const byStart = new Map<number, RealBar>()
  const bar = (t: number): RealBar => {
    let b = byStart.get(t)
    if (!b) byStart.set(t, (b = { oi: null, taker: null, candle: null }))
    return b
  }
  for (const e of reader.events()) {
    if (e.symbol !== SYMBOL) continue
    if (e.type === 'openInterest') bar(e.exchangeTsMs - 300_000).oi = e
    else if (e.type === 'takerVolume') bar(e.exchangeTsMs).taker = e
    else if (e.type === 'candle') bar(e.openTsMs).candle = e
  }
  reader.close()
  // From the first bar with a candle: before it the file has no OHLC.
  return [...byStart.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, b]) => b)
    .filter((b, i, all) => all.slice(0, i + 1).some((x) => x.candle))
}

/** 43,200 one-minute bars re-timed from the real ones, ping-ponging through the week. */
function monthOfEvents(real: RealBar[]): MarketEvent[] {
  const out: MarketEvent[] = []
  const t0 = Date.UTC(2024, 4, 1)
  for (let k = 0; k < BARS; k++) {
    const lap = Math.floor(k / real.length)
    const j = k % real.length
    const b = real[lap % 2 === 0 ? j : real.length - 1 - j]!
    const s = t0 + k * BAR_MS
    const at = { exchangeTsMs: s, receiveTsMs: s }
    if (b.taker) out.push({ ...b.taker, ...at, periodMinutes: 1 })
    if (b.candle)
      out.push({
        ...b.candle,
        openTsMs: s,
        intervalSec: 60,
        exchangeTsMs: s + BAR_MS - 1,
        receiveTsMs: s + BAR_MS - 1,
      })
    if (b.oi) out.push({ ...b.oi, exchangeTsMs: s + BAR_MS, receiveTsMs: s + BAR_MS })
  }
  return out
}

function heapMb(): number {
  gc?.()
  gc?.()
  // Typed arrays' storage lies outside the JS heap (arrayBuffers): both count.
  const m = process.memoryUsage()
  return (m.heapUsed + m.arrayBuffers) / 1e6
}

const tiers = loadBundledTiers().markets.get(SYMBOL)?.tiers
if (!tiers) throw new Error(`${SYMBOL} missing from the bundled snapshot`)
const real = realBars()
const heapBeforeEvents = heapMb()
const events = monthOfEvents(real)
const eventsMb = heapMb() - heapBeforeEvents

// Baseline: touch every event once with trivial arithmetic.
let sink = 0
const b0 = process.hrtime.bigint()
for (const e of events) {
  if (e.type === 'candle') sink += e.close
  else if (e.type === 'openInterest') sink += e.oiBase ?? 0
  else if (e.type === 'takerVolume') sink += e.buyVolBase ?? 0
}
const baselineNsPerBar = Number(process.hrtime.bigint() - b0) / BARS

const heapBeforeMap = heapMb()
const state: HeatmapState = createHeatmapState({ tiers, barSec: 60, historyBars: BARS })
// CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const t0 = process.hrtime.bigint()
const c0 = cpuMs()
for (const e of events) applyHeatmapEvent(state, e)
flushHeatmapBar(state)
const nsPerBar = Number(process.hrtime.bigint() - t0) / BARS
const cpuNsPerBar = ((cpuMs() - c0) * 1e6) / BARS
const mapMb = heapMb() - heapBeforeMap

const g = state.grid!
let filledLo = Number.POSITIVE_INFINITY
let filledHi = Number.NEGATIVE_INFINITY
for (const seg of state.history.segments) {
  filledLo = Math.min(filledLo, seg.snapshotLo)
  filledHi = Math.max(filledHi, seg.snapshotLo + seg.snapshotCells - 1)
}
const rows = filledHi - filledLo + 1
const denseMb = (state.history.timesMs.length * rows * LAYERS * 8) / 1e6

/** Median of 3 runs (the first also pays for compiling the view code), wall and CPU time. */
function timed<T>(body: () => T): { value: T; ms: number; cpuMs: number } {
  const runs: number[] = []
  const cpu: number[] = []
  let value = body()
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint()
    const c = cpuMs()
    value = body()
    runs.push(Number(process.hrtime.bigint() - t) / 1e6)
    cpu.push(cpuMs() - c)
  }
  const mid = (a: number[]) => a.sort((x, y) => x - y)[1]!
  return { value, ms: mid(runs), cpuMs: mid(cpu) }
}
const day = timed(() => heatmapView(state, { tiers: 'all', maxColumns: 1440 }))
const month = timed(() =>
  heatmapView(state, {
    tiers: 'all',
    maxColumns: 1500,
    priceRange: { lo: filledLo * g.cellSize, hi: (filledHi + 1) * g.cellSize },
  }),
)
const [dayView, dayViewMs, monthView, monthViewMs] = [day.value, day.ms, month.value, month.ms]

console.log(
  `heatmap.input: ${real.length} real 5-min bars of ${SYMBOL} played as ${BARS} 1-min bars, ${events.length} events`,
)
console.log(`heatmap.cells_spanned: ${rows} cells of ${g.cellSize.toFixed(2)} USD`)
console.log(`heatmap.columns_kept: ${state.history.timesMs.length}`)
console.log(`heatmap.update_per_bar: ${(nsPerBar / 1000).toFixed(2)} µs`)
console.log(`heatmap.update_per_bar_cpu: ${(cpuNsPerBar / 1000).toFixed(2)} µs`)
console.log(`heatmap.baseline_loop_per_bar: ${(baselineNsPerBar / 1000).toFixed(3)} µs`)
console.log(`heatmap.update_vs_baseline_ratio: ${(nsPerBar / baselineNsPerBar).toFixed(1)}`)
console.log(
  `heatmap.map_memory: ${mapMb.toFixed(1)} MB${gc ? '' : ' (run with --expose-gc for a settled figure)'}`,
)
console.log(`heatmap.input_events_memory: ${eventsMb.toFixed(1)} MB`)
console.log(`heatmap.map_vs_input_ratio: ${(mapMb / eventsMb).toFixed(2)}`)
console.log(
  `heatmap.dense_matrix_equivalent: ${denseMb.toFixed(1)} MB (ratio map/dense ${(mapMb / denseMb).toFixed(3)})`,
)
console.log(
  `heatmap.view_last_day_1440x${dayView.rows}: ${dayViewMs.toFixed(1)} ms (CPU ${day.cpuMs.toFixed(1)} ms)`,
)
console.log(
  `heatmap.view_30_days_${monthView.columns.length}x${monthView.rows}: ${monthViewMs.toFixed(1)} ms (CPU ${month.cpuMs.toFixed(1)} ms)`,
)
if (Number.isNaN(sink)) console.log('(NaN sink)')
