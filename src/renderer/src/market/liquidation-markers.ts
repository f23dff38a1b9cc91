/** Smallest and largest marker size (lightweight-charts' size multiplier) for realized liquidations. */
export const MARKER_SIZE_MIN = 0.6
export const MARKER_SIZE_MAX = 2.5

/**
 * Marker size of a realized liquidation bucket, by its USD against the largest bucket on the chart: the
 * square root keeps a bucket a quarter of the largest at about half its size, so small ones stay visible.
 */
export function liquidationMarkerSize(usd: number, maxUsd: number): number {
  if (!(usd > 0) || !(maxUsd > 0)) return MARKER_SIZE_MIN
  return MARKER_SIZE_MIN + (MARKER_SIZE_MAX - MARKER_SIZE_MIN) * Math.sqrt(Math.min(1, usd / maxUsd))
}
