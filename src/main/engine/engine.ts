import type { MarketEvent } from '../../shared/market-event'
import type { EngineStatus, MarketCapSourceStatus, Notice } from '../../shared/engine-status'
import type { MarketSnapshot } from '../../shared/scoring/snapshot'
import type { DataSource } from './data-source'
import { EventBus } from './event-bus'
import type { Logger } from './logging/logger'
import { ScoringHost } from './scoring/scoring-host'
import type { FeedHandle, FeedRequest } from './scoring/scoring-host'
import type { SettingsStore } from './settings/settings-store'
import { scoringConfigFromSettings } from '../../shared/scoring/config-from-settings'
import { resolveConfig } from '../../shared/scoring/config'
import { configForSession } from '../../shared/scoring/config-for-session'
import { heatmapAssumptionsFromSettings } from '../../shared/radar-core'
import type { PipelineConfig } from '../../shared/scoring/scoring-pipeline'
import type { MarketSeries } from '../../shared/contract/series'
import type { HeatmapView } from '../../shared/contract/heatmap'
import type { AggregateMap } from '../../shared/heatmap/aggregate-maps'
import { mergeMarketCaps } from './market-cap/merge-market-caps'
import type { WatchlistStatus } from '../../shared/watchlist-status'

export interface EngineOptions {
  workerPath: string
  logger: Logger
  settings: SettingsStore
  /** Allows `simulateWorkerFault` (tests and support); off in normal use. */
  diagnostics?: boolean
  /** How often status is pushed to the UI. */
  statusIntervalMs?: number
}

/**
 * The one engine behind every door: routes events from the data source to the scoring worker and the
 * worker's batched snapshots to subscribers. It never imports 'electron', so it runs in plain Node too.
 */
export class Engine {
  readonly bus = new EventBus()
  readonly startedAtMs = Date.now()
  private readonly host: ScoringHost
  private readonly snapshots = new Map<string, MarketSnapshot>()
  private source: DataSource | null = null
  private statusTimer: NodeJS.Timeout | null = null
  private readonly ingestListeners = new Set<(events: MarketEvent[]) => void>()
  private fetchedMarketCapsUsd: Record<string, number> = {}
  private marketCapStatus: MarketCapSourceStatus | undefined
  private launchNote: string | null = null
  private watchlistStatus: (() => WatchlistStatus) | null = null

  constructor(private readonly opts: EngineOptions) {
    this.host = new ScoringHost({
      workerPath: opts.workerPath,
      logger: opts.logger,
      onSnapshots: (batch, all) => this.onSnapshots(batch, all),
      onStatusChange: () => this.pushStatus(),
      onRestart: (reason) => {
        this.notify('warning', `The scoring worker was restarted: ${reason}. Its state was restored.`)
        this.host.requestSnapshots()
      },
      onRegimeShifts: (shifts) => {
        for (const s of shifts) {
          this.bus.emit('regimeShift', {
            key: s.key,
            field: s.kind,
            from: s.from,
            to: s.to,
            marketTsMs: s.atMs,
          })
        }
      },
      onSeriesUpdate: (update) => this.bus.emit('seriesUpdate', update),
    })
    // The store's own change event, whoever changed the file's values: not the windows' 'settings' event.
    opts.settings.onChange(() => this.configureScoring())
  }

  get logger(): Logger {
    return this.opts.logger
  }

  get settings(): SettingsStore {
    return this.opts.settings
  }

  get diagnostics(): boolean {
    return this.opts.diagnostics === true
  }

  start(): void {
    this.host.start()
    this.configureScoring()
    this.statusTimer = setInterval(() => this.pushStatus(), this.opts.statusIntervalMs ?? 1000)
    const warning = this.opts.settings.view().warning
    if (warning) this.opts.logger.warn('settings: running with a warning', { warning })
    this.opts.logger.info('engine started')
  }

  async stop(): Promise<void> {
    if (this.statusTimer) clearInterval(this.statusTimer)
    await this.source?.stop()
    await this.host.stop()
    this.opts.logger.info('engine stopped')
  }

  /** Switches the data source; the scoring state starts afresh so sessions never mix. */
  async setSource(source: DataSource | null): Promise<void> {
    await this.source?.stop()
    const pairingChanged = this.source?.metadata?.basisSpotVenue !== source?.metadata?.basisSpotVenue
    this.source = source
    // A launch note speaks of the launch's source only: any later choice clears it.
    this.launchNote = null
    this.resetScoring()
    // A replayed session may carry its own basis pairing: scoring is configured for it (or without it, live).
    if (pairingChanged) this.configureScoring()
    this.pushStatus()
    if (source) {
      await source.start((events) => this.ingest(events))
      this.opts.logger.info('data source started', { kind: source.kind, label: source.label })
    }
  }

  /** Where the status reads the watchlist in force (the live control's); pushes the status at once. */
  setWatchlistStatus(provider: () => WatchlistStatus): void {
    this.watchlistStatus = provider
    this.pushStatus()
  }

  /** The launch's line for the top-bar banner (probing, or why it fell back to the sample); null clears it. */
  setLaunchNote(note: string | null): void {
    this.launchNote = note
    this.pushStatus()
  }

  ingest(events: MarketEvent[]): void {
    this.host.send(events)
    for (const l of this.ingestListeners) l(events)
  }

  /** Tier-1 figures from the universe's bulk endpoints: scored once a refresh, their snapshots slim. */
  ingestTier1(events: MarketEvent[]): void {
    this.host.sendTier1(events)
    for (const l of this.ingestListeners) l(events)
  }

  /** Taps every batch the engine receives (the recorder uses it). */
  onIngest(listener: (events: MarketEvent[]) => void): () => void {
    this.ingestListeners.add(listener)
    return () => this.ingestListeners.delete(listener)
  }

  /** Starts scoring afresh (after a seek: scores of another timeline must not mix in). */
  resetScoring(): void {
    this.snapshots.clear()
    this.host.reset()
  }

  /** Replaces the scoring state with a seek's target state; the worker then sends every market at once. */
  restoreScoring(checkpoint: unknown): void {
    this.snapshots.clear()
    this.host.restoreAt(checkpoint)
  }

  /** The scoring settings in force (a seek rebuilds its target state with them). */
  scoringConfig(): PipelineConfig {
    return this.host.pipelineConfig()
  }

  /** Max-speed replay read by the scoring worker itself (see ScoringHost.feedSession). */
  feedSession(
    req: FeedRequest,
    onProgress: (p: { sessionTsMs: number; events: number }) => void,
  ): FeedHandle {
    return this.host.feedSession(req, onProgress)
  }

  /** Resolves once every ingested event is scored and its snapshot is in `getSnapshots()`. */
  settled(): Promise<void> {
    return this.host.settled()
  }

  getSeries(key: string): Promise<MarketSeries> {
    return this.host.getSeries(key)
  }

  getHeatmap(key: string, tiers: 'all' | 'high' | 'low'): Promise<HeatmapView> {
    return this.host.getHeatmap(key, tiers)
  }

  getCoinMap(keys: string[], referencePrice: number): Promise<AggregateMap> {
    return this.host.getCoinMap(keys, referencePrice)
  }

  watchSeries(key: string | null): void {
    this.host.watchSeries(key)
  }

  private configureScoring(): void {
    const { config, ignored } = scoringConfigFromSettings(this.opts.settings.get())
    config.marketCapUsdByAsset = mergeMarketCaps(config.marketCapUsdByAsset ?? {}, this.fetchedMarketCapsUsd)
    try {
      // Checked here: an invalid set (e.g. band edges out of order) must not reach, and crash, the worker.
      resolveConfig(config)
    } catch (err) {
      this.notify(
        'error',
        `Scoring settings not applied: ${err instanceof Error ? err.message : String(err)}`,
      )
      return
    }
    const forSession = configForSession(
      { scoring: config, heatmap: heatmapAssumptionsFromSettings(this.opts.settings.get().heatmap) },
      this.source?.metadata,
    )
    this.host.configure(forSession.scoring, forSession.heatmap)
    if (ignored.length > 0) {
      this.notify('warning', `Unknown scoring settings ignored: ${ignored.join(', ')}`)
    }
  }

  /** Market caps from a public source (the market-cap service); values typed in Settings stay on top. */
  setFetchedMarketCaps(capsUsd: Record<string, number>, status: MarketCapSourceStatus): void {
    this.marketCapStatus = status
    const changed = JSON.stringify(capsUsd) !== JSON.stringify(this.fetchedMarketCapsUsd)
    this.fetchedMarketCapsUsd = capsUsd
    if (changed) this.configureScoring()
    this.pushStatus()
  }

  getSnapshots(): MarketSnapshot[] {
    return [...this.snapshots.values()]
  }

  simulateWorkerFault(fault: 'crash' | 'hang'): void {
    if (!this.diagnostics)
      throw new Error('worker fault simulation is only available with diagnostics enabled')
    this.opts.logger.warn('simulating a scoring worker fault', { fault })
    this.host.simulateFault(fault)
  }

  status(): EngineStatus {
    return {
      startedAtMs: this.startedAtMs,
      source: {
        ...(this.source
          ? { kind: this.source.kind, label: this.source.label }
          : { kind: 'none' as const, label: 'No data source' }),
        ...(this.launchNote ? { launchNote: this.launchNote } : {}),
      },
      venues: this.source?.venueStatuses() ?? [],
      worker: this.host.getStatus(),
      marketCount: this.snapshots.size,
      ...(this.marketCapStatus ? { marketCaps: this.marketCapStatus } : {}),
      ...(this.watchlistStatus ? { watchlist: this.watchlistStatus() } : {}),
    }
  }

  notify(level: Notice['level'], message: string): void {
    this.bus.emit('notice', { level, message, atMs: Date.now() })
  }

  private pushStatus(): void {
    this.bus.emit('engineStatus', this.status())
  }

  private onSnapshots(batch: MarketSnapshot[], all: boolean): void {
    if (all) this.snapshots.clear()
    for (const s of batch) this.snapshots.set(s.key, s)
    if (batch.length > 0 || all) this.bus.emit('snapshots', batch)
  }
}
