import type { TimedRing } from './timed-ring'
import { ringVal } from './timed-ring'

export interface WeightedRank {
  /** Mid-rank percentile of x, 0..1: (weight below x + half the weight equal to x) / total weight. */
  rank: number
  mean: number
  /** Weighted population standard deviation. */
  std: number
}

/**
 * Weighted mid-rank of x among the ring's values (column 0) with weights (column 1), plus weighted mean and
 * std. One pass, O(n) without allocation: cheaper than keeping a sorted copy for histories of a few
 * thousand samples that change once per funding period. Mid-rank keeps a value equal to every sample at 0.5.
 */
export function weightedRank(r: TimedRing, x: number): WeightedRank | null {
  let below = 0
  let equal = 0
  let w = 0
  let wv = 0
  for (let i = 0; i < r.size; i++) {
    const v = ringVal(r, i, 0)
    const wi = ringVal(r, i, 1)
    if (v < x) below += wi
    else if (v === x) equal += wi
    w += wi
    wv += wi * v
  }
  if (!(w > 0)) return null
  const mean = wv / w
  let wss = 0
  for (let i = 0; i < r.size; i++) wss += ringVal(r, i, 1) * (ringVal(r, i, 0) - mean) ** 2
  return { rank: (below + 0.5 * equal) / w, mean, std: Math.sqrt(wss / w) }
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
