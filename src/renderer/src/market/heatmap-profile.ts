import type { HeatmapProfileData } from './heatmap-grid'

/**
 * The "liquidation map" view traders know, beside the price axis: for each price row, how much would be
 * liquidated if the price went there from the reference price. Below the reference a fall to the row
 * liquidates every long whose level is in that row or above it; above, a rise liquidates every short in the
 * row or below it. Rows are the view's rows (`priceLo + r × priceStep`).
 */
export interface ProfileRows {
  /** Cumulative USD per row (longs below the reference price, shorts at or above it). */
  cumUsd: Float64Array
  /** True where the row's cumulative figure counts longs. */
  isLong: Uint8Array
  maxUsd: number
}

export function cumulativeProfile(p: HeatmapProfileData, priceLo: number, priceStep: number): ProfileRows {
  const rows = p.longLow.length
  const cumUsd = new Float64Array(rows)
  const isLong = new Uint8Array(rows)
  // The row holding the reference price splits the two sides: its centre decides.
  const centre = (r: number): number => priceLo + (r + 0.5) * priceStep
  let acc = 0
  for (let r = rows - 1; r >= 0; r--) {
    acc += p.longLow[r]! + p.longHigh[r]!
    if (centre(r) < p.referencePrice) {
      cumUsd[r] = acc
      isLong[r] = 1
    }
  }
  acc = 0
  for (let r = 0; r < rows; r++) {
    acc += p.shortLow[r]! + p.shortHigh[r]!
    if (centre(r) >= p.referencePrice) cumUsd[r] = acc
  }
  let maxUsd = 0
  for (const v of cumUsd) if (v > maxUsd) maxUsd = v
  return { cumUsd, isLong, maxUsd }
}

export interface Readout {
  rowLo: number
  rowHi: number
  /** Estimated USD in the row, by side and leverage group (low < 25x, high ≥ 25x). */
  longLow: number
  longHigh: number
  shortLow: number
  shortHigh: number
  /** What a move from the reference price to this row would liquidate (the profile's figure). */
  ifReachedUsd: number
  ifReachedSide: 'long' | 'short'
}

/** The map at one price: the row holding it; null outside the map. */
export function readoutAt(
  p: HeatmapProfileData,
  profile: ProfileRows,
  priceLo: number,
  priceStep: number,
  price: number,
): Readout | null {
  const r = Math.floor((price - priceLo) / priceStep)
  if (!(r >= 0 && r < p.longLow.length)) return null
  return {
    rowLo: priceLo + r * priceStep,
    rowHi: priceLo + (r + 1) * priceStep,
    longLow: p.longLow[r]!,
    longHigh: p.longHigh[r]!,
    shortLow: p.shortLow[r]!,
    shortHigh: p.shortHigh[r]!,
    ifReachedUsd: profile.cumUsd[r]!,
    ifReachedSide: profile.isLong[r] ? 'long' : 'short',
  }
}
