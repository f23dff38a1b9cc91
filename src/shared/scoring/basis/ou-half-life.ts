import type { TimedRing } from '../stats/timed-ring'
import { ringTs, ringVal } from '../stats/timed-ring'

export interface Ar1Fit {
  phi: number
  pairs: number
  /** Half-life in sample intervals, null when the series does not mean-revert (phi ≤ 0 or ≥ 1). */
  halfLifeSamples: number | null
}

/**
 * Ornstein-Uhlenbeck fit by AR(1) OLS on consecutive samples: x_t = a + phi x_{t-1} + e, half-life =
 * -ln 2 / ln phi. Pairs across a hole (spacing > 1.5 intervals) are skipped: the AR(1) step is one interval.
 * O(window) per call; called once per evaluation on a capped window, never per event.
 */
export function fitAr1(r: TimedRing, intervalMs: number): Ar1Fit | null {
  let n = 0
  let sx = 0
  let sy = 0
  let sxx = 0
  let sxy = 0
  for (let i = 1; i < r.size; i++) {
    if (ringTs(r, i) - ringTs(r, i - 1) > 1.5 * intervalMs) continue
    const x = ringVal(r, i - 1)
    const y = ringVal(r, i)
    n++
    sx += x
    sy += y
    sxx += x * x
    sxy += x * y
  }
  const den = n * sxx - sx * sx
  if (n < 3 || !(Math.abs(den) > 1e-12 * Math.max(1, n * sxx))) return null
  const phi = (n * sxy - sx * sy) / den
  const halfLifeSamples = phi > 0 && phi < 1 ? -Math.LN2 / Math.log(phi) : null
  return { phi, pairs: n, halfLifeSamples }
}
