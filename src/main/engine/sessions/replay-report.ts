import { createHash } from 'node:crypto'
import { coreHeatmapView } from '../../../shared/radar-core'
import type { PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import { configForSession } from '../../../shared/scoring/config-for-session'
import { DEFAULT_PIPELINE_CONFIG, GridClock, ScoringPipeline } from '../../../shared/scoring/scoring-pipeline'
import { isPerpSymbol, parseMarketKey } from '../../../shared/market-event'
import type { HeatmapView } from '../../../shared/contract/heatmap'
import { bundledTiersLookup } from '../scoring/tiers-lookup'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import type { MarketEvent } from '../../../shared/market-event'
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
  /** The user's scoring settings and heatmap assumptions (defaults when absent). */
  config?: PipelineConfig
  batchMs?: number
  /** Take a snapshot of every market at each multiple of this (of events stamped up to it only). */
  snapshotEveryMs?: number
  onSnapshots?: (tsMs: number, snapshots: MarketSnapshot[], pipeline: ScoringPipeline) => void
}

/** A pipeline for a whole-session run (reports, exports): bundled tiers, no chart series. */
export function reportPipeline(config: PipelineConfig = DEFAULT_PIPELINE_CONFIG): ScoringPipeline {
  return new ScoringPipeline({ config, tiersFor: bundledTiersLookup() })
}

/** Final snapshots of every market and the liquidation map of every perp, as the report prints them. */
export function reportMarkets(pipeline: ScoringPipeline): Pick<ReplayReport, 'markets' | 'liquidationMaps'> {
  const core = pipeline.core
  return {
    markets: pipeline.snapshotAll(),
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
  pipeline: ScoringPipeline
  counts: { events: number; batches: number }
  span: { startTsMs: number | null; endTsMs: number | null; spanMs: number }
  wallMs: number
  seriesHash: string | null
}): ReplayReport {
  return {
    label: r.metadata.label,
    metadata: r.metadata,
    notes: [...r.notes, ...r.metadata.dataQuality],
    ...reportMarkets(r.pipeline),
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
 * Snapshots every market at each multiple of `everyMs` of session time, taken before any event stamped
 * after it is applied (no look-ahead, however sparse the session), and hashes the series: two replays of
 * one session must give the same hash whatever the speed or the pauses in between.
 */
export class SnapshotSeries {
  private hash = createHash('sha256')
  private readonly clock: GridClock

  constructor(
    private readonly pipeline: ScoringPipeline,
    readonly everyMs: number,
    private readonly onSnapshots?: (
      tsMs: number,
      snapshots: MarketSnapshot[],
      pipeline: ScoringPipeline,
    ) => void,
    readonly batchMs = DEFAULT_BATCH_MS,
  ) {
    this.clock = new GridClock(everyMs, (t) => this.take(t), batchMs)
  }

  get count(): number {
    return this.clock.count
  }

  private take(tsMs: number): void {
    const snaps = this.pipeline.snapshotAll()
    this.hash.update(JSON.stringify([tsMs, snaps]))
    this.onSnapshots?.(tsMs, snaps, this.pipeline)
  }

  /** Pushes one replay batch (the bucket ending at `bucketEndTsMs`), sampling the grid times before it. */
  push(events: MarketEvent[], bucketEndTsMs: number): void {
    this.clock.beforeBatch(bucketEndTsMs - this.batchMs)
    this.pipeline.push(events)
  }

  /** The last row, after the final batch. */
  finish(): void {
    this.clock.finish()
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
  // The session's own basis pairing applies while the user's setting is auto.
  const pipeline = reportPipeline(configForSession(opts.config ?? DEFAULT_PIPELINE_CONFIG, reader.metadata))
  const batchMs = opts.batchMs ?? DEFAULT_BATCH_MS
  const batcher = new SessionBatcher({ chunks: reader.batches() }, batchMs)
  const series = opts.snapshotEveryMs
    ? new SnapshotSeries(pipeline, opts.snapshotEveryMs, opts.onSnapshots, batchMs)
    : null
  let events = 0
  let batches = 0
  for (let b = batcher.next(); b; b = batcher.next()) {
    if (series) series.push(b.events, b.bucketEndTsMs)
    else pipeline.push(b.events)
    events += b.events.length
    batches++
  }
  series?.finish()
  const report = buildReport({
    metadata: reader.metadata,
    notes: reader.notes(),
    pipeline,
    counts: { events, batches },
    span: reader.span,
    wallMs: performance.now() - t0,
    seriesHash: series ? series.digest() : null,
  })
  reader.close()
  return report
}
