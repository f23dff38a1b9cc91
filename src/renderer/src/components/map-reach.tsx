import type { HeatmapView } from '../../../shared/contract/heatmap'

/** "3.5 d", "6 h", "45 min": the span the map's columns cover. */
export function fmtReach(seconds: number): string {
  if (seconds >= 86_400) return `${(seconds / 86_400).toFixed(seconds >= 10 * 86_400 ? 0 : 1)} d`
  if (seconds >= 3600) return `${Math.round(seconds / 3600)} h`
  return `${Math.max(1, Math.round(seconds / 60))} min`
}

/**
 * How far back the liquidation map reaches ("map from 7.0 d of OI history"): positions opened before its first
 * bar are not in it, so a map seeded from a short history under-counts older clusters.
 */
export function MapReach({ view }: { view: HeatmapView | null }) {
  const cols = view?.columns ?? []
  if (!view || cols.length === 0) return null
  const seconds = (cols[cols.length - 1] as number) - (cols[0] as number) + view.resolutionSec
  return (
    <span
      className="muted map-reach"
      data-testid="heatmap-reach"
      title="Positions opened before the map's first bar are not in it."
    >
      {` map from ${fmtReach(seconds)} of OI history`}
    </span>
  )
}
