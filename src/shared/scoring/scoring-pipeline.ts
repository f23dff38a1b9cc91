import type { MarketEvent, MarketKey } from '../market-event'
import type { HeatmapAssumptions, RadarCore, TiersLookup } from '../radar-core'
import { applyCoreEvents, createRadarCore, exportCore, importCore } from '../radar-core'
import { MinuteSampler } from '../series/minute-sampler'
import type { SeriesState } from '../series/series-builder'
import { createSeriesState, observeEvents, observeSnapshot } from '../series/series-builder'
import type { ScoringConfig } from './config'
import { resolveConfig } from './config'
import { snapshotMarket } from './scoring-state'
import type { MarketSnapshot } from './snapshot'

/** What a user's settings change in scoring: thresholds and weights, and the heatmap's assumptions. */
export interface PipelineConfig {
  scoring: Partial<ScoringConfig>
  heatmap: HeatmapAssumptions
}

export const DEFAULT_PIPELINE_CONFIG: PipelineConfig = { scoring: {}, heatmap: {} }

export interface PipelineOptions {
  config: PipelineConfig
  tiersFor: TiersLookup
  /** Keep chart series (the worker does; reports and exports need none). */
  series?: boolean
}

/** Everything a pipeline needs to resume exactly where it was (structured-clone safe). */
export interface PipelineCheckpoint {
  version: 1
  core: unknown
  series: SeriesState | null
}

/**
 * The one way events become scores: the radar core (scoring state + liquidation heatmap) fed minute by
 * minute through the sampler, with the configuration derived from the user's settings. The scoring worker,
 * the replay report, paced replay, export and Evidence all run this class, so for one session and one set of
 * settings they cannot disagree. Feed it the replay clock's session-time batches (see SessionBatcher): the
 * batches depend on the data alone, so a pipeline restored from a checkpoint at a batch boundary and fed
 * the rest gives exactly what an uninterrupted run gives.
 */
export class ScoringPipeline {
  core: RadarCore
  series: SeriesState | null
  /** Events pushed since the pipeline was created, reset or restored. */
  eventsProcessed = 0
  /** Markets whose snapshot may have changed since the last `takeDirty()`. */
  readonly dirty = new Set<MarketKey>()
  private config: PipelineConfig
  private readonly sampler: MinuteSampler

  constructor(private readonly opts: PipelineOptions) {
    this.config = opts.config
    this.core = this.freshCore()
    this.series = opts.series ? createSeriesState() : null
    this.sampler = new MinuteSampler(
      (chunk) => {
        const touched = applyCoreEvents(this.core, chunk)
        for (const key of touched) this.dirty.add(key)
        return touched
      },
      (keys) => {
        const series = this.series
        if (!series) return
        for (const key of keys) {
          const snap = snapshotMarket(this.core.scoring, key)
          if (snap) observeSnapshot(series, snap)
        }
      },
    )
  }

  private freshCore(): RadarCore {
    return createRadarCore({
      scoring: this.config.scoring,
      heatmap: this.config.heatmap,
      tiersFor: this.opts.tiersFor,
    })
  }

  /** Applies one batch of events (in exchange-time order). */
  push(events: readonly MarketEvent[]): void {
    if (events.length === 0) return
    if (this.series) observeEvents(this.series, events)
    this.sampler.push(events)
    this.eventsProcessed += events.length
  }

  snapshot(key: MarketKey): MarketSnapshot | null {
    return snapshotMarket(this.core.scoring, key)
  }

  /** Every market's snapshot, sorted by key. */
  snapshotAll(): MarketSnapshot[] {
    const out: MarketSnapshot[] = []
    for (const key of [...this.core.scoring.markets.keys()].sort()) {
      const s = this.snapshot(key)
      if (s) out.push(s)
    }
    return out
  }

  /** Snapshots of the markets changed since the last call. */
  takeDirty(): MarketSnapshot[] {
    const out: MarketSnapshot[] = []
    for (const key of this.dirty) {
      const s = this.snapshot(key)
      if (s) out.push(s)
    }
    this.dirty.clear()
    return out
  }

  /** New thresholds and heatmap assumptions apply to evaluations and heatmaps from now on. */
  configure(config: PipelineConfig): void {
    this.config = config
    this.core.scoring.config = resolveConfig(config.scoring)
    this.core.opts = { ...this.core.opts, scoring: config.scoring, heatmap: config.heatmap }
  }

  /**
   * Drops these markets' state (scores, heatmap, chart series): a tier-1 market taken into the watchlist
   * starts afresh from its streams and its history, which its bulk figures (newer than that history) would
   * otherwise shut out, the scorer keeping open interest and bars in time order.
   */
  forget(keys: Iterable<MarketKey>): void {
    const { scoring } = this.core
    for (const key of keys) {
      const m = scoring.markets.get(key)
      if (!m) continue
      scoring.markets.delete(key)
      scoring.byVenue.get(m.venue)?.delete(m.symbol)
      const same = scoring.byAsset.get(m.asset)?.filter((k) => k !== key)
      if (same && same.length > 0) scoring.byAsset.set(m.asset, same)
      else scoring.byAsset.delete(m.asset)
      this.core.heatmaps.delete(key)
      this.core.noTiers.delete(key)
      this.core.proximityAtBars.delete(key)
      this.core.heatmapIndex.get(m.venue)?.delete(m.symbol)
      this.series?.markets.delete(key)
      this.dirty.delete(key)
    }
  }

  reset(): void {
    this.core = this.freshCore()
    if (this.series) this.series = createSeriesState()
    this.sampler.reset()
    this.dirty.clear()
    this.eventsProcessed = 0
  }

  checkpoint(): PipelineCheckpoint {
    return {
      version: 1,
      core: exportCore(this.core),
      series: this.series,
    }
  }

  /** Resumes from a checkpoint; the current settings stay (a checkpoint holds state, not preferences). */
  restore(cp: PipelineCheckpoint): void {
    if (cp?.version !== 1) throw new Error('unrecognized scoring pipeline checkpoint')
    this.core = importCore(cp.core, this.core.opts)
    this.core.scoring.config = resolveConfig(this.config.scoring)
    if (this.opts.series) this.series = cp.series ?? createSeriesState()
    this.sampler.reset()
    this.dirty.clear()
    for (const key of this.core.scoring.markets.keys()) this.dirty.add(key)
    this.eventsProcessed = 0
  }
}

/**
 * Calls `onGrid(t)` for every multiple t of `everyMs` before the batch that could hold an event stamped
 * after t is applied: a row stamped t has seen only events stamped ≤ t, however sparse the session. Batches
 * are the replay clock's buckets of `batchMs` (events in [start, start + batchMs)); `everyMs` must be a
 * multiple of `batchMs`, so no bucket straddles a grid time.
 */
export class GridClock {
  private nextAt: number | null = null
  count = 0

  constructor(
    readonly everyMs: number,
    private readonly onGrid: (tsMs: number) => void,
    batchMs: number,
  ) {
    if (!(everyMs > 0) || everyMs % batchMs !== 0)
      throw new Error(`the sampling step (${everyMs} ms) must be a positive multiple of ${batchMs} ms`)
  }

  /** Call before applying a batch whose bucket starts at `bucketStartTsMs`. */
  beforeBatch(bucketStartTsMs: number): void {
    this.nextAt ??= Math.ceil(bucketStartTsMs / this.everyMs) * this.everyMs
    while (this.nextAt <= bucketStartTsMs) this.emit()
  }

  /** Call after the last batch: one final row at the first grid time after the last batch began. */
  finish(): void {
    // Grid times are multiples of the bucket width, so the next one is at or after the last bucket's end.
    if (this.nextAt !== null) this.emit()
  }

  private emit(): void {
    this.onGrid(this.nextAt!)
    this.nextAt! += this.everyMs
    this.count++
  }
}
