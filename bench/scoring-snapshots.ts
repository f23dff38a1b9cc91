/**
 * The scoring bench's snapshot figure: every market's snapshot taken after each batch of events, timed apart
 * from the batch, with the GC pauses that start inside the snapshots. A batch is applied between snapshots, so
 * the markets it touched (and those whose quiet-market re-evaluation falls due) are evaluated again, as in the
 * engine, and the evaluation cache is not timed on an unchanged state.
 */
import type { MarketEvent, MarketKey } from '../src/shared/market-event'
import type { ScoringState } from '../src/shared/scoring/scoring-state'
import { applyEvents, snapshotMarket } from '../src/shared/scoring/scoring-state'

export interface SnapshotFigures {
  /** Per snapshot of all markets, ms. */
  timesMs: number[]
  gcMaxMs: number
  gcCount: number
}

export async function timeSnapshots(
  state: ScoringState,
  keys: readonly MarketKey[],
  batches: readonly (readonly MarketEvent[])[],
): Promise<SnapshotFigures> {
  const windows: [number, number][] = []
  const gcs: { startTime: number; duration: number }[] = []
  const obs = new PerformanceObserver((list) => gcs.push(...list.getEntries()))
  obs.observe({ entryTypes: ['gc'] })
  const timesMs: number[] = []
  for (const batch of batches) {
    applyEvents(state, batch)
    const start = performance.now()
    for (const k of keys) snapshotMarket(state, k)
    const end = performance.now()
    windows.push([start, end])
    timesMs.push(end - start)
  }
  await new Promise((r) => setTimeout(r, 50)) // GC entries are delivered asynchronously
  obs.disconnect()
  const inside = gcs.filter((g) => windows.some(([a, b]) => g.startTime >= a && g.startTime <= b))
  return { timesMs, gcMaxMs: Math.max(0, ...inside.map((g) => g.duration)), gcCount: inside.length }
}

export function p95(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!
}
