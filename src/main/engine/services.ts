import { join } from 'node:path'
import type { Engine } from './engine'
import { SessionLibrary } from './control/session-library'
import { ReplayControl } from './control/replay-control'
import { ImportJobs } from './control/import-jobs'
import { Recorder } from './control/recorder'
import { JournalStore } from './control/journal-store'
import { AlertEvaluator, AlertRuleStore } from './control/alert-rules'
import { LiveControl } from './control/live-control'
import { findResourcesDir, loadBundledTiers } from './sizing/bundled-tiers'
import type { ParsedTiersSnapshot } from '../../shared/sizing/tiers-snapshot'
import type { SizingMarketLookup } from '../../shared/sizing/size-answer'
import { createSizingMarketLookup } from './sizing/sizing-markets'
import { readTiersCaches } from './sizing/tiers-cache'
import { userDataPaths } from './user-data'
import { EvidenceService } from './evidence/evidence-service'
import evidenceWorkerPath from './evidence/evidence-worker-path'
import { MarketCapService } from './market-cap/market-cap-service'
import { marketCapCachePath } from './market-cap/market-cap-cache'
import { UniverseService } from './connectors/universe/universe-service'

/** Everything behind the contract besides the engine itself; one instance per engine. */
export interface EngineServices {
  engine: Engine
  library: SessionLibrary
  replay: ReplayControl
  imports: ImportJobs
  recorder: Recorder
  journal: JournalStore
  alertRules: AlertRuleStore
  alerts: AlertEvaluator
  live: LiveControl
  tiers: () => ParsedTiersSnapshot
  /** The calculator's market lookup: the tiers cache `radar size --refresh-tiers` writes first, then the bundle. */
  sizingMarkets: () => SizingMarketLookup
  evidence: EvidenceService
  marketCaps: MarketCapService
  /** Tier 1 of the radar: every linear perp of the enabled venues, refreshed while live. */
  universe: UniverseService
}

/** Stops what the services run on their own (evidence workers, a recording, the market-cap timer). */
export function stopServices(s: EngineServices): void {
  s.evidence.cancelAll()
  s.recorder.stop()
  s.marketCaps.stop()
  s.universe.stop()
}

export function createServices(engine: Engine, userDataDir: string): EngineServices {
  const resources = findResourcesDir()
  const library = new SessionLibrary(join(resources, 'samples'), userDataPaths(userDataDir).sessions)
  const replay = new ReplayControl(engine, library)
  const alertRules = new AlertRuleStore(join(userDataDir, 'alerts.json'), engine.logger)
  const alerts = new AlertEvaluator(
    () => alertRules.list(),
    (fired) => engine.bus.emit('alertFired', fired),
    join(userDataDir, 'alert-log.jsonl'),
  )
  engine.bus.on('snapshots', (batch) => alerts.onSnapshots(batch))
  engine.bus.on('regimeShift', (shift) => alerts.onRegimeShift(shift))
  let tiers: ParsedTiersSnapshot | null = null
  const bundledTiers = () => (tiers ??= loadBundledTiers(resources))
  const live = new LiveControl(engine, replay)
  const marketCaps = new MarketCapService({
    cachePath: marketCapCachePath(userDataDir),
    // Caps for the watchlist in force (the automatic ranking's assets too), read at each check.
    settings: () => ({ ...engine.settings.get(), watchlist: live.watchlist.keys() }),
    logger: engine.logger,
    notify: (level, message) => engine.notify(level, message),
    publish: (caps, status) => engine.setFetchedMarketCaps(caps, status),
    ...(process.env.RADAR_COINGECKO_URL ? { baseUrl: process.env.RADAR_COINGECKO_URL } : {}),
  })
  engine.settings.onChange(() => marketCaps.onSettingsChanged())
  marketCaps.start()
  const universe = new UniverseService({
    settings: () => engine.settings.get(),
    streamed: () => live.watchlist.keys(),
    ingest: (events) => engine.ingestTier1(events),
    publish: (view) => engine.bus.emit('universe', view),
    log: (line) => engine.logger.info(line),
  })
  // The universe runs while the source is live, and only then: a replay must not mix in today's tickers.
  // A new live source starts scoring afresh, so the universe refreshes at once rather than at its next turn.
  let liveLabel: string | null = null
  engine.bus.on('engineStatus', (st) => {
    const label = st.source.kind === 'live' ? st.source.label : null
    if (label === liveLabel) return
    liveLabel = label
    if (label === null) universe.stop()
    else if (universe.active) void universe.refresh()
    else universe.start()
  })
  // Scoring restarted under the same live source (a watchlist change restarts it): re-send the universe.
  engine.bus.on('snapshots', (batch) => {
    if (batch.length === 0 && universe.active) void universe.refresh()
  })
  return {
    engine,
    library,
    replay,
    imports: new ImportJobs(library, engine.bus, engine.logger),
    recorder: new Recorder(engine, library),
    journal: new JournalStore(join(userDataDir, 'journal.jsonl'), engine.logger),
    alertRules,
    alerts,
    live,
    tiers: bundledTiers,
    // Read on every call: the CLI may have refreshed the cache while the app runs.
    sizingMarkets: () =>
      createSizingMarketLookup({
        bundled: bundledTiers(),
        caches: readTiersCaches(join(userDataDir, 'cache'), (venue, err) =>
          engine.logger.warn('tiers cache unreadable; using the bundled tiers', {
            venue,
            error: err.message,
          }),
        ),
      }),
    evidence: new EvidenceService(
      { path: evidenceWorkerPath },
      (p) => engine.bus.emit('evidenceProgress', p),
      () => engine.scoringConfig(),
    ),
    marketCaps,
    universe,
  }
}
