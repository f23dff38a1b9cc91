import type { MarketSnapshot } from '../../../shared/scoring/snapshot'

export interface SnapshotIds {
  markets: string[]
  metricIds: string[]
  labelIds: string[]
}

/**
 * The ids the engine reports right now, for the rule pickers: metric ids from every snapshot's metrics,
 * label ids from its labels plus the fields seen in regime-shift events (tags arrive only as shifts).
 */
export function collectIds(
  snapshots: Iterable<MarketSnapshot>,
  shiftFields: Iterable<string> = [],
  extraMarkets: Iterable<string> = [],
): SnapshotIds {
  const markets = new Set<string>(extraMarkets)
  const metricIds = new Set<string>()
  const labelIds = new Set<string>(shiftFields)
  for (const s of snapshots) {
    markets.add(s.key)
    for (const id of Object.keys(s.metrics)) metricIds.add(id)
    for (const id of Object.keys(s.labels)) labelIds.add(id)
  }
  const sorted = (set: Set<string>): string[] => [...set].sort((a, b) => a.localeCompare(b))
  return { markets: sorted(markets), metricIds: sorted(metricIds), labelIds: sorted(labelIds) }
}
