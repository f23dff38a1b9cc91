import type { HeatmapView, LiquidationCluster } from '../../../shared/contract/heatmap'

/** Clusters whose price lies strictly between two prices, nearest to `from` first. */
export function clustersBetween(
  view: HeatmapView | null,
  from: number,
  to: number | null,
): LiquidationCluster[] | null {
  if (!view || view.unavailableReason !== null || !view.current || to === null) return null
  const lo = Math.min(from, to)
  const hi = Math.max(from, to)
  const all = [
    ...view.current.scenarios.flatMap((s) => s.clustersCrossed),
    ...(view.current.nearestAbove ? [view.current.nearestAbove] : []),
    ...(view.current.nearestBelow ? [view.current.nearestBelow] : []),
  ]
  const unique = new Map<string, LiquidationCluster>()
  for (const c of all) if (c.price > lo && c.price < hi) unique.set(`${c.positionSide}:${c.price}`, c)
  return [...unique.values()].sort((a, b) => Math.abs(a.price - from) - Math.abs(b.price - from))
}
