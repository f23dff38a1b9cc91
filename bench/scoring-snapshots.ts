/**
 * The scoring bench's snapshot figure: every market's snapshot taken after each batch of events, timed apart
 * from the batch, with the GC pauses that start inside the snapshots. A batch is applied between snapshots, so
 * the markets it touched (and those whose quiet-market re-evaluation falls due) are evaluated again, as in the
 * engine, and the evaluation cache is not timed on an unchanged state.
 */
import { getHeapSpaceStatistics } from 'node:v8'
import type { MarketEvent, MarketKey } from '../src/shared/market-event'
import type { ScoringConfig } from '../src/shared/scoring/config'
import type { ScoringState } from '../src/shared/scoring/scoring-state'
import { applyEvents, snapshotMarket } from '../src/shared/scoring/scoring-state'

export interface SnapshotFigures {
  /** Per snapshot of all markets, ms. */
  timesMs: number[]
  gcMaxMs: number
  gcCount: number
  /** Old-generation growth inside the snapshots, MB per snapshot of all (windows with a full collection left out). */
  promotedMbPerSnapshot: number | null
}

/** Bytes used in the old generation (objects that survived two young collections). */
function oldSpaceBytes(): number {
  for (const s of getHeapSpaceStatistics()) if (s.space_name === 'old_space') return s.space_used_size
  return 0
}

/**
 * Batch i is applied and snapshotted under configs[i % configs.length] (configs that differ in the snapshot
 * reuse only, so alternating them compares the two in the same run under the same load); figures per config.
 */
export async function timeSnapshots(
  state: ScoringState,
  keys: readonly MarketKey[],
  batches: readonly (readonly MarketEvent[])[],
  configs: readonly ScoringConfig[] = [state.config],
): Promise<SnapshotFigures[]> {
  const windows: [number, number, number][] = []
  const gcs: { startTime: number; duration: number }[] = []
  const obs = new PerformanceObserver((list) => gcs.push(...list.getEntries()))
  obs.observe({ entryTypes: ['gc'] })
  const figures: SnapshotFigures[] = configs.map(() => ({
    timesMs: [],
    gcMaxMs: 0,
    gcCount: 0,
    promotedMbPerSnapshot: 0,
  }))
  const grown = configs.map(() => ({ bytes: 0, windows: 0 }))
  batches.forEach((batch, i) => {
    const c = i % configs.length
    state.config = configs[c]!
    applyEvents(state, batch)
    const oldBefore = oldSpaceBytes()
    const start = performance.now()
    for (const k of keys) snapshotMarket(state, k)
    const end = performance.now()
    const growth = oldSpaceBytes() - oldBefore
    if (growth >= 0) {
      grown[c]!.bytes += growth
      grown[c]!.windows++
    }
    windows.push([start, end, c])
    figures[c]!.timesMs.push(end - start)
  })
  state.config = configs[0]!
  grown.forEach((g, c) => (figures[c]!.promotedMbPerSnapshot = g.windows ? g.bytes / g.windows / 1e6 : null))
  await new Promise((r) => setTimeout(r, 50)) // GC entries are delivered asynchronously
  obs.disconnect()
  for (const g of gcs) {
    const w = windows.find(([a, b]) => g.startTime >= a && g.startTime <= b)
    if (!w) continue
    const f = figures[w[2]]!
    f.gcCount++
    f.gcMaxMs = Math.max(f.gcMaxMs, g.duration)
  }
  return figures
}

export function p95(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!
}
