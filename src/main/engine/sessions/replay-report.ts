import { createHash } from 'node:crypto'
import type { MarketKey } from '../../../shared/market-event'
import { applyEvents, createScoringState, snapshotMarket } from '../../../shared/scoring/scoring-state'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { SessionBatcher, DEFAULT_BATCH_MS } from './session-batcher'
import type { SessionMetadata } from './session-metadata'
import { SessionReader } from './session-reader'

export interface ReplaySummary {
  events: number
  batches: number
  startTsMs: number | null
  endTsMs: number | null
  spanMs: number
  wallMs: number
  eventsPerSec: number
}

export interface ReplayReport {
  label: string
  metadata: SessionMetadata
  /** Cut short, damage and data-quality sentences. */
  notes: string[]
  markets: MarketSnapshot[]
  summary: ReplaySummary
  /** SHA-256 over the periodic snapshot series (when `snapshotEveryMs` is set): equal runs, equal hash. */
  seriesHash: string | null
}

export interface ReplayReportOptions {
  batchMs?: number
  /** Take a snapshot of every market each time session time crosses a multiple of this. */
  snapshotEveryMs?: number
  onSnapshots?: (tsMs: number, snapshots: MarketSnapshot[]) => void
}

function snapshotAll(state: ReturnType<typeof createScoringState>): MarketSnapshot[] {
  const keys: MarketKey[] = [...state.markets.keys()].sort()
  return keys.map((k) => snapshotMarket(state, k)).filter((s): s is MarketSnapshot => s !== null)
}

/**
 * Replays a whole session through the scoring functions as fast as possible (the same session-time batches
 * the replay clock emits) and reports the final snapshot of every market plus throughput.
 */
export function replaySessionReport(path: string, opts: ReplayReportOptions = {}): ReplayReport {
  const reader = SessionReader.open(path)
  const t0 = performance.now()
  const state = createScoringState()
  const batcher = new SessionBatcher(reader.events(), opts.batchMs ?? DEFAULT_BATCH_MS)
  const hash = opts.snapshotEveryMs ? createHash('sha256') : null
  let nextSnapAt: number | null = null
  let events = 0
  let batches = 0
  for (let b = batcher.next(); b; b = batcher.next()) {
    applyEvents(state, b.events)
    events += b.events.length
    batches++
    if (opts.snapshotEveryMs) {
      nextSnapAt ??= Math.ceil(b.bucketEndTsMs / opts.snapshotEveryMs) * opts.snapshotEveryMs
      while (b.bucketEndTsMs >= nextSnapAt) {
        const snaps = snapshotAll(state)
        hash?.update(JSON.stringify([nextSnapAt, snaps]))
        opts.onSnapshots?.(nextSnapAt, snaps)
        nextSnapAt += opts.snapshotEveryMs
      }
    }
  }
  const wallMs = performance.now() - t0
  const span = reader.span
  const report: ReplayReport = {
    label: reader.metadata.label,
    metadata: reader.metadata,
    notes: [...reader.notes(), ...reader.metadata.dataQuality],
    markets: snapshotAll(state),
    summary: {
      events,
      batches,
      ...span,
      wallMs: Math.round(wallMs),
      eventsPerSec: wallMs > 0 ? Math.round(events / (wallMs / 1000)) : 0,
    },
    seriesHash: hash ? hash.digest('hex') : null,
  }
  reader.close()
  return report
}
