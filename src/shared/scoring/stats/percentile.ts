import type { TimedRing } from './timed-ring'
import { ringVal } from './timed-ring'

/**
 * A sorted, weighted sample set for percentile ranks and weighted mean / standard deviation. Rebuilt when
 * its source history changes (rare: once per funding period), queried in O(log n).
 */
export interface SortedWeighted {
  values: Float64Array
  /** cumWeights[i] = sum of weights of values[0..i]. */
  cumWeights: Float64Array
  totalWeight: number
  mean: number
  std: number
}

export function buildSortedWeighted(values: ArrayLike<number>, weights: ArrayLike<number>): SortedWeighted {
  const n = values.length
  const idx = Array.from({ length: n }, (_, i) => i)
  idx.sort((a, b) => values[a]! - values[b]!)
  const sv = new Float64Array(n)
  const cw = new Float64Array(n)
  let acc = 0
  let wSum = 0
  let wvSum = 0
  for (let k = 0; k < n; k++) {
    const i = idx[k]!
    sv[k] = values[i]!
    acc += weights[i]!
    cw[k] = acc
    wSum += weights[i]!
    wvSum += weights[i]! * values[i]!
  }
  const mean = wSum > 0 ? wvSum / wSum : NaN
  let wss = 0
  for (let i = 0; i < n; i++) wss += weights[i]! * (values[i]! - mean) ** 2
  return { values: sv, cumWeights: cw, totalWeight: acc, mean, std: wSum > 0 ? Math.sqrt(wss / wSum) : NaN }
}

/** First index with values[i] ≥ x (strict=false) or > x (strict=true). */
function lowerBound(v: Float64Array, x: number, strict: boolean): number {
  let lo = 0
  let hi = v.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (strict ? v[mid]! <= x : v[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Mid-rank percentile of x in 0..1: (weight below x + half the weight equal to x) / total weight.
 * Mid-rank keeps a value equal to every sample at 0.5 rather than at an edge.
 */
export function percentileRank(s: SortedWeighted, x: number): number | null {
  if (s.values.length === 0 || !(s.totalWeight > 0)) return null
  const lo = lowerBound(s.values, x, false)
  const hi = lowerBound(s.values, x, true)
  const below = lo > 0 ? s.cumWeights[lo - 1]! : 0
  const upToEqual = hi > 0 ? s.cumWeights[hi - 1]! : 0
  return (below + 0.5 * (upToEqual - below)) / s.totalWeight
}

/** Mid-rank of x among the values of a ring (0..1), null when empty. O(n); callers run it rarely. */
export function ringMidRank(r: TimedRing, x: number): number | null {
  if (r.size === 0) return null
  let below = 0
  let equal = 0
  for (let i = 0; i < r.size; i++) {
    const v = ringVal(r, i)
    if (v < x) below++
    else if (v === x) equal++
  }
  return (below + 0.5 * equal) / r.size
}
