import { createHash } from 'node:crypto'
import type { MarketKey } from '../../../shared/market-event'
import { snapshotMarket, type ScoringState } from '../../../shared/scoring/scoring-state'
import { applyCoreEvents, coreHeatmapView, createRadarCore } from '../../../shared/radar-core'
import type { RadarCore } from '../../../shared/radar-core'
import { isPerpSymbol, parseMarketKey } from '../../../shared/market-event'
import type { HeatmapView } from '../../../shared/contract/heatmap'
import { bundledTiersLookup } from '../scoring/tiers-lookup'
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
  /** The estimated liquidation map at the end: clusters, USD near price, scenarios (or why there is none). */
  liquidationMaps: LiquidationMapSummary[]
  summary: ReplaySummary
  /** SHA-256 over the periodic snapshot series (when `snapshotEveryMs` is set): equal runs, equal hash. */
  seriesHash: string | null
}

export interface LiquidationMapSummary {
  key: string
  current: HeatmapView['current']
  assumptions: string[]
  unavailableReason: string | null
}

export interface ReplayReportOptions {
  batchMs?: number
  /** Take a snapshot of every market each time session time crosses a multiple of this. */
  snapshotEveryMs?: number
  onSnapshots?: (tsMs: number, snapshots: MarketSnapshot[]) => void
}

export function snapshotAll(state: ScoringState): MarketSnapshot[] {
  const keys: MarketKey[] = [...state.markets.keys()].sort()
  return keys.map((k) => snapshotMarket(state, k)).filter((s): s is MarketSnapshot => s !== null)
}

/** Final snapshots of every market and the liquidation map of every perp, as the report prints them. */
export function reportMarkets(core: RadarCore): Pick<ReplayReport, 'markets' | 'liquidationMaps'> {
  return {
    markets: snapshotAll(core.scoring),
    liquidationMaps: [...core.scoring.markets.keys()]
      .filter((key) => isPerpSymbol(parseMarketKey(key).symbol))
      .sort()
      .map((key) => {
        const view = coreHeatmapView(core, key, 'all')
        return {
          key,
          current: view.current,
          assumptions: view.assumptions,
          unavailableReason: view.unavailableReason,
        }
      }),
  }
}

/** The report of a finished replay, however it was paced. */
export function buildReport(r: {
  metadata: SessionMetadata
  notes: string[]
  core: RadarCore
  counts: { events: number; batches: number }
  span: { startTsMs: number | null; endTsMs: number | null; spanMs: number }
  wallMs: number
  seriesHash: string | null
}): ReplayReport {
  return {
    label: r.metadata.label,
    metadata: r.metadata,
    notes: [...r.notes, ...r.metadata.dataQuality],
    ...reportMarkets(r.core),
    summary: {
      ...r.counts,
      ...r.span,
      wallMs: Math.round(r.wallMs),
      eventsPerSec: r.wallMs > 0 ? Math.round(r.counts.events / (r.wallMs / 1000)) : 0,
    },
    seriesHash: r.seriesHash,
  }
}

/**
 * Snapshots every market each time session time crosses a multiple of `everyMs`, and hashes the series:
 * two replays of one session must give the same hash whatever the speed or the pauses in between.
 */
export class SnapshotSeries {
  private hash = createHash('sha256')
  private nextAt: number | null = null
  count = 0

  constructor(
    readonly everyMs: number,
    private readonly onSnapshots?: (tsMs: number, snapshots: MarketSnapshot[]) => void,
  ) {}

  /** Call after each batch has been applied, with the session time the batch ends at. */
  afterBatch(state: ScoringState, bucketEndTsMs: number): void {
    this.nextAt ??= Math.ceil(bucketEndTsMs / this.everyMs) * this.everyMs
    while (bucketEndTsMs >= this.nextAt) {
      const snaps = snapshotAll(state)
      this.hash.update(JSON.stringify([this.nextAt, snaps]))
      this.onSnapshots?.(this.nextAt, snaps)
      this.nextAt += this.everyMs
      this.count++
    }
  }

  digest(): string {
    return this.hash.copy().digest('hex')
  }
}

/**
 * Replays a whole session through the scoring functions as fast as possible (the same session-time batches
 * the replay clock emits) and reports the final snapshot of every market plus throughput.
 */
export function replaySessionReport(path: string, opts: ReplayReportOptions = {}): ReplayReport {
  const reader = SessionReader.open(path)
  const t0 = performance.now()
  const core = createRadarCore({ tiersFor: bundledTiersLookup() })
  const state = core.scoring
  const batcher = new SessionBatcher(reader.events(), opts.batchMs ?? DEFAULT_BATCH_MS)
  const series = opts.snapshotEveryMs ? new SnapshotSeries(opts.snapshotEveryMs, opts.onSnapshots) : null
  let events = 0
  let batches = 0
  for (let b = batcher.next(); b; b = batcher.next()) {
    applyCoreEvents(core, b.events)
    events += b.events.length
    batches++
    series?.afterBatch(state, b.bucketEndTsMs)
  }
  const report = buildReport({
    metadata: reader.metadata,
    notes: reader.notes(),
    core,
    counts: { events, batches },
    span: reader.span,
    wallMs: performance.now() - t0,
    seriesHash: series ? series.digest() : null,
  })
  reader.close()
  return report
}
