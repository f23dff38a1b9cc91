import type { EvidenceSignalInfo } from '../contract/evidence'
import { isPerpSymbol, marketKey, type MarketEvent } from '../market-event'
import type { TiersLookup } from '../radar-core'
import type { PipelineConfig } from '../scoring/scoring-pipeline'
import { DEFAULT_PIPELINE_CONFIG, ScoringPipeline } from '../scoring/scoring-pipeline'
import type { MarketSeries, SampledSession } from './series'
import { readSignals } from './signal-readout'

export interface SampleOptions {
  stepMs: number
  /** Stop reading once an event is stamped after this time (the look-ahead check replays only the past). */
  untilTsMs?: number
  /** The user's scoring settings and heatmap assumptions: Evidence scores what the radar shows. */
  config?: PipelineConfig
  /** Maintenance-margin tiers for the liquidation map (none: no map, as for a venue without tiers). */
  tiersFor?: TiersLookup
  /** The replay clock's batch width: scoring gets the very batches a replay feeds the worker. */
  batchMs?: number
  /** Called every few thousand events with the count read so far; throwing from it aborts the run. */
  onEvents?: (eventsRead: number) => void
}

/** Growing per-market columns; turned into typed arrays when the stream ends. */
interface Columns {
  close: number[]
  high: number[]
  low: number[]
  liq: number[]
  hasLiq: boolean
  binary: Map<string, number[]>
  scores: Map<string, number[]>
  lastPriceTsMs: number | null
  lastPrice: number
}

/** A price older than this at a grid time is not "the price at t" (the feed stalled). */
function staleAfterMs(stepMs: number): number {
  return Math.max(3 * stepMs, 15 * 60_000)
}

/**
 * Replays events through the radar's scoring pipeline (scores and liquidation map, in the replay clock's
 * session-time batches) and reads every perpetual market's signals on a regular grid. No look-ahead by
 * construction: the snapshot for t_i is taken before the batch that could hold an event stamped after t_i
 * is applied (a batch never straddles a grid time), so it has seen only events stamped ≤ t_i.
 */
export function sampleSignals(events: Iterable<MarketEvent>, opts: SampleOptions): SampledSession | null {
  const { stepMs } = opts
  const batchMs = opts.batchMs ?? 100
  if (stepMs % batchMs !== 0)
    throw new Error(`the grid step (${stepMs} ms) must be a multiple of ${batchMs} ms`)
  const pipeline = new ScoringPipeline({
    config: opts.config ?? DEFAULT_PIPELINE_CONFIG,
    tiersFor: opts.tiersFor ?? (() => null),
  })
  let bucketEnd: number | null = null
  const cols = new Map<string, Columns>()
  const signals = new Map<string, EvidenceSignalInfo>()
  let startMs: number | null = null
  let next = 0
  let n = 0
  let batch: MarketEvent[] = []
  let read = 0

  const col = (key: string): Columns => {
    let c = cols.get(key)
    if (!c) {
      c = {
        close: [],
        high: [],
        low: [],
        liq: [],
        hasLiq: false,
        binary: new Map(),
        scores: new Map(),
        lastPriceTsMs: null,
        lastPrice: NaN,
      }
      cols.set(key, c)
    }
    while (c.high.length <= n) {
      c.high.push(NaN)
      c.low.push(NaN)
      c.liq.push(0)
    }
    return c
  }

  const flush = (): void => {
    if (batch.length) pipeline.push(batch)
    batch = []
  }

  const sampleAt = (t: number): void => {
    for (const [key, c] of cols) {
      col(key)
      const fresh = c.lastPriceTsMs !== null && t - c.lastPriceTsMs <= staleAfterMs(stepMs)
      c.close[n] = fresh ? c.lastPrice : NaN
      const snap = pipeline.snapshot(key)
      if (!snap) continue
      if (snap.asOfMs !== null && snap.asOfMs > t)
        throw new Error(`look-ahead guard: snapshot of ${key} at ${t} has seen data stamped ${snap.asOfMs}`)
      readSignals(
        snap,
        (info) => {
          signals.set(info.id, info)
          let a = c.binary.get(info.id)
          if (!a) c.binary.set(info.id, (a = []))
          a[n] = 1
        },
        (info, v) => {
          signals.set(info.id, info)
          let a = c.scores.get(info.id)
          if (!a) c.scores.set(info.id, (a = []))
          a[n] = v
        },
      )
    }
    n++
  }

  for (const ev of events) {
    if (opts.untilTsMs !== undefined && ev.exchangeTsMs > opts.untilTsMs) break
    if (++read % 4096 === 0) opts.onEvents?.(read)
    const ts = ev.exchangeTsMs
    if (startMs === null) startMs = next = Math.ceil(ts / stepMs) * stepMs
    // A new batch as the replay clock cuts them (late events stay with the batch under way).
    if (bucketEnd === null || ts >= bucketEnd) {
      flush()
      const bucketStart = Math.floor(ts / batchMs) * batchMs
      bucketEnd = bucketStart + batchMs
      // Grid times are multiples of the batch width: every t ≤ the new batch's start is sampled before it.
      while (next <= bucketStart) {
        sampleAt(next)
        next += stepMs
      }
    }
    batch.push(ev)
    if (!isPerpSymbol(ev.symbol)) continue
    const price =
      ev.type === 'trade' ? ev.price : ev.type === 'candle' && ev.priceKind === 'last' ? ev.close : null
    const isLiq = ev.type === 'liquidation'
    if (price === null && !isLiq) {
      col(marketKey(ev.venue, ev.symbol))
      continue
    }
    const c = col(marketKey(ev.venue, ev.symbol))
    if (isLiq) {
      c.liq[n] = c.liq[n]! + ev.usd
      c.hasLiq = true
      continue
    }
    const hi = ev.type === 'candle' ? ev.high : price!
    const lo = ev.type === 'candle' ? ev.low : price!
    if (!(hi <= c.high[n]!)) c.high[n] = hi
    if (!(lo >= c.low[n]!)) c.low[n] = lo
    if (c.lastPriceTsMs === null || ts >= c.lastPriceTsMs) {
      c.lastPriceTsMs = ts
      c.lastPrice = price!
    }
  }
  if (startMs === null) return null
  if (opts.untilTsMs !== undefined) {
    // Every grid time up to the cut is sampled, as a full run would have: those at or before the batch under
    // way without it, the rest with it (the next event came after the cut).
    const pendingStart = bucketEnd === null ? Infinity : bucketEnd - batchMs
    while (next <= opts.untilTsMs && next <= pendingStart) {
      sampleAt(next)
      next += stepMs
    }
    flush()
    while (next <= opts.untilTsMs) {
      sampleAt(next)
      next += stepMs
    }
  } else if (batch.length) {
    // The batch under way when the stream ended holds events up to the last one: sample it too.
    flush()
    sampleAt(next)
  }
  opts.onEvents?.(read)
  return { startMs, stepMs, n, markets: [...cols].map(([key, c]) => finish(key, c, n)), signals }
}

function finish(market: string, c: Columns, n: number): MarketSeries {
  const toF = (a: number[], fill: number): Float64Array => {
    const out = new Float64Array(n).fill(fill)
    for (let i = 0; i < Math.min(n, a.length); i++) if (a[i] !== undefined) out[i] = a[i]!
    return out
  }
  const binary = new Map<string, Uint8Array>()
  for (const [id, a] of c.binary) {
    const u = new Uint8Array(n)
    a.forEach((v, i) => (u[i] = v))
    binary.set(id, u)
  }
  const scores = new Map<string, Float64Array>()
  for (const [id, a] of c.scores) scores.set(id, toF(a, NaN))
  return {
    market,
    close: toF(c.close, NaN),
    high: toF(c.high, NaN),
    low: toF(c.low, NaN),
    liqUsd: c.hasLiq ? toF(c.liq, 0) : null,
    binary,
    scores,
  }
}
