import type { BasisResult } from '../basis/basis-metrics'
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
export function weightedMean(parts: Record<string, { part: Part; weight: number }>): {
  value: number | null
  missing: string[]
} {
  let sw = 0
  let s = 0
  const missing: string[] = []
  for (const [name, { part: p, weight }] of Object.entries(parts)) {
    if (weight <= 0) continue
    if (p.value === null) missing.push(`${name} (${p.reason})`)
    else {
      s += p.value * weight
      sw += weight
    }
  }
  return { value: sw > 0 ? s / sw : null, missing }
}
