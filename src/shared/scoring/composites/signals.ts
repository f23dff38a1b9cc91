import type { BasisResult } from '../basis/basis-metrics'
import { na, ok } from '../metric'
import type { Coverage, Metric } from '../snapshot'
import type { LiquidationResult } from '../flow/liquidations'
import type { FundingResult } from '../funding/funding-metrics'
import type { OiResult } from '../positioning/oi-metrics'
import type { VolResult } from '../volatility/volatility-metrics'

/** The per-market inputs the composites read, gathered once per evaluation. */
export interface Signals {
  funding: FundingResult
  oi: OiResult
  lsRatio: number | null
  topPositionsRatio: number | null
  liq: LiquidationResult
  vpinCdf: number | null
  vpinLevel: string | null
  vol: VolResult
  volRegime: string | null
  basis: BasisResult
  /** Liquidation USD within ±2 % as a 0..1 component, null until the heatmap feeds it. */
  liqProximity01: number | null
  liqProximityReason: string | null
  /** Bid/ask depth ratio within ±1 %. */
  depthRatio1: number | null
  /** Correlation to the reference asset and the reference's own stress index. */
  corrRef: number | null
  refLsi: number | null
  refAsset: string
}

/** A 0..1 component that is either present or missing with a reason. */
export type Part = { value: number; reason: null } | { value: null; reason: string }

export function part(value: number | null, reason: string | null): Part {
  return value === null || !Number.isFinite(value)
    ? { value: null, reason: reason ?? 'n/a' }
    : { value, reason: null }
}

/**
 * Weighted mean over the parts that are present, weights renormalized; names the missing ones so a composite
 * built on partial inputs says so. Returns null when nothing is present.
 */
export interface Weighted {
  value: number | null
  missing: string[]
  /** Inputs present / with a positive weight, and the share of weight present. */
  present: number
  total: number
  weightShare: number
}

export function weightedMean(
  parts: Record<string, { part: Part; weight: number }>,
  withReasons = true,
): Weighted {
  let sw = 0
  let total = 0
  let s = 0
  let present = 0
  let n = 0
  const missing: string[] = []
  for (const name in parts) {
    const { part: p, weight } = parts[name]!
    if (weight <= 0) continue
    n++
    total += weight
    if (p.value === null) missing.push(withReasons ? `${name} (${p.reason})` : name)
    else {
      s += p.value * weight
      sw += weight
      present++
    }
  }
  return {
    value: sw > 0 ? s / sw : null,
    missing,
    present,
    total: n,
    weightShare: total > 0 ? sw / total : 0,
  }
}

/**
 * The reason a composite carries inside a per-second tick, whose evaluation is kept for its labels only: the
 * sentences are built for snapshots, which show them.
 */
export const TICK_REASON = 'built for snapshots only'

const pct = (x: number): string => `${Math.round(x * 100)} %`

/**
 * A composite as a metric with its coverage. Below `minShare` of its weight it is partial: value null (no
 * level word, no rank, never an alert trigger), the value over the inputs present kept in `coverage`.
 */
export function compositeMetric(
  r: Weighted,
  scale: number,
  unit: string,
  asOfMs: number | null,
  minShare: number,
  withReasons = true,
): Metric {
  if (r.value === null) {
    const m = na(unit, withReasons ? `no input available: ${r.missing.join('; ')}` : TICK_REASON)
    m.coverage = { present: 0, total: r.total, weightShare: 0, partial: true, partialValue: null }
    return m
  }
  const value = r.value * scale
  const partial = r.weightShare < minShare
  const coverage: Coverage = {
    present: r.present,
    total: r.total,
    weightShare: r.weightShare,
    partial,
    partialValue: value,
  }
  if (partial) {
    const m = na(
      unit,
      withReasons
        ? `partial: ${r.present} of ${r.total} inputs (${pct(r.weightShare)} of the weight, under ${pct(minShare)}); without ${r.missing.join('; ')}`
        : TICK_REASON,
      asOfMs,
    )
    m.coverage = coverage
    return m
  }
  const m = ok(value, unit, asOfMs)
  if (r.missing.length > 0)
    m.reason = withReasons
      ? `${r.present} of ${r.total} inputs; without ${r.missing.join('; ')}`
      : TICK_REASON
  m.coverage = coverage
  return m
}
