/**
 * Bid vs ask notional within ±p % of the mid, from the top-N book the connector sends. When the book does not
 * reach p % on a side the band is only partly seen, and the ratio is n/a rather than a biased number.
 */
export interface DepthBand {
  pct: number
  bidUsd: number
  askUsd: number
  covered: boolean
  /** How far from mid (in %) the shallower side of the book reaches. */
  reachPct: number
}

export function depthBands(
  bids: readonly [number, number][],
  asks: readonly [number, number][],
  pcts: readonly number[],
): DepthBand[] | null {
  const bb = bids[0]
  const ba = asks[0]
  if (!bb || !ba) return null
  const mid = (bb[0] + ba[0]) / 2
  const lastBid = bids[bids.length - 1]![0]
  const lastAsk = asks[asks.length - 1]![0]
  const reachPct = Math.min((mid - lastBid) / mid, (lastAsk - mid) / mid) * 100
  return pcts.map((pct) => {
    const lo = mid * (1 - pct / 100)
    const hi = mid * (1 + pct / 100)
    let bidUsd = 0
    for (const [p, q] of bids) {
      if (p < lo) break
      bidUsd += p * q
    }
    let askUsd = 0
    for (const [p, q] of asks) {
      if (p > hi) break
      askUsd += p * q
    }
    return { pct, bidUsd, askUsd, covered: reachPct >= pct, reachPct }
  })
}
