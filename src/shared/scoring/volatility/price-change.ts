import { HOUR_MS, na, ok } from '../metric'
import type { Metric } from '../snapshot'
import type { PriceBars } from './price-bars'
import { priceAsOf } from './price-bars'

/** Price change over the last 24 h as a fraction: last price vs the close of the bar that ended 24 h ago. */
export function priceChange24h(
  b: PriceBars,
  lastPrice: number | null,
  nowMs: number,
  asOfMs: number | null,
  out: Record<string, Metric>,
): void {
  const then = priceAsOf(b, nowMs - 24 * HOUR_MS)
  if (lastPrice === null) out['price-change-24h'] = na('fraction', 'no price yet', asOfMs)
  else if (then === null) out['price-change-24h'] = na('fraction', 'needs a price from 24 h ago', asOfMs)
  else out['price-change-24h'] = ok(lastPrice / then - 1, 'fraction', asOfMs)
}
