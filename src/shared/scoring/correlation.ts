import type { TimedRing } from './stats/timed-ring'
import { ringTs, ringVal } from './stats/timed-ring'

/**
 * Pearson correlation of two minute-return series over the minutes both have, within [fromMs, ∞).
 * A two-pointer merge over capped rings: O(window) per evaluation, never per trade.
 */
export function pairedCorrelation(
  a: TimedRing,
  b: TimedRing,
  fromMs: number,
): { rho: number | null; pairs: number } {
  let i = 0
  let j = 0
  while (i < a.size && ringTs(a, i) < fromMs) i++
  while (j < b.size && ringTs(b, j) < fromMs) j++
  let n = 0
  let sx = 0
  let sy = 0
  let sxx = 0
  let syy = 0
  let sxy = 0
  while (i < a.size && j < b.size) {
    const ta = ringTs(a, i)
    const tb = ringTs(b, j)
    if (ta < tb) i++
    else if (tb < ta) j++
    else {
      const x = ringVal(a, i)
      const y = ringVal(b, j)
      n++
      sx += x
      sy += y
      sxx += x * x
      syy += y * y
      sxy += x * y
      i++
      j++
    }
  }
  const vx = n * sxx - sx * sx
  const vy = n * syy - sy * sy
  if (n < 2 || !(vx > 0) || !(vy > 0)) return { rho: null, pairs: n }
  return { rho: (n * sxy - sx * sy) / Math.sqrt(vx * vy), pairs: n }
}
