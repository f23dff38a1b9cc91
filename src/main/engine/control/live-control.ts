import type { Engine } from '../engine'
import { LiveSource } from '../connectors/live-source'
import type { WatchlistEntry } from '../connectors/live-source'
import type { BaseUrlOverride, ConnectorVenue } from '../connectors/url-override'
import { CONNECTOR_VENUES, overrideFromEnv } from '../connectors/url-override'
import { probeVenue } from '../connectors/venue-probe'
import type { ProbeResult } from '../connectors/venue-probe'
import { parseMarketKey } from '../../../shared/market-event'
import type { Settings } from '../../../shared/settings'
import type { ReplayControl } from './replay-control'
import { WatchlistControl } from './watchlist-control'

/** What going live would subscribe: the watchlist's markets on the enabled venues, with their endpoints. */
export interface LivePlan {
  watchlist: WatchlistEntry[]
  overrides: Partial<Record<ConnectorVenue, BaseUrlOverride>>
  /** Watchlist entries left out, each with why (a disabled venue). */
  skipped: string[]
}

/**
 * Builds the live plan for the watchlist `keys` (the user's list or the automatic one, see WatchlistControl)
 * on the venues enabled in Settings; throws a plain sentence when there is nothing to go live with.
 */
export function livePlan(settings: Settings, keys: readonly string[] = settings.watchlist): LivePlan {
  const byVenue = new Map<ConnectorVenue, string[]>()
  const skipped: string[] = []
  for (const key of keys) {
    const { venue, symbol } = parseMarketKey(key)
    if (!(CONNECTOR_VENUES as readonly string[]).includes(venue))
      throw new Error(`live data is not available for venue "${venue}" (${key})`)
    if (!settings.venues.includes(venue)) {
      skipped.push(`${key} (venue ${venue} is disabled in Settings → Venues)`)
      continue
    }
    const list = byVenue.get(venue as ConnectorVenue) ?? []
    list.push(symbol)
    byVenue.set(venue as ConnectorVenue, list)
  }
  if (byVenue.size === 0)
    throw new Error(
      skipped.length > 0
        ? `no watchlist market is on an enabled venue: ${skipped.join(', ')}`
        : settings.watchlistMode === 'auto'
          ? 'the automatic watchlist ranks perps, and no perp venue is enabled: enable Binance USDⓈ-M, Bybit or OKX in Settings → Venues'
          : 'the watchlist is empty: add markets in Settings first',
    )
  const overrides: LivePlan['overrides'] = {}
  for (const venue of byVenue.keys()) {
    const fromSettings = settings.baseUrls[venue]
    // Settings win over RADAR_<VENUE>_{REST,WS}_URL, field by field.
    overrides[venue] = {
      ...overrideFromEnv(venue),
      ...(fromSettings?.rest ? { restUrl: fromSettings.rest } : {}),
      ...(fromSettings?.ws ? { wsUrl: fromSettings.ws } : {}),
    }
  }
  return { watchlist: [...byVenue].map(([venue, symbols]) => ({ venue, symbols })), overrides, skipped }
}

/**
 * Starts and stops live data for the watchlist in force (plus the reference asset) as the engine's source,
 * and applies every later change of that watchlist (a re-ranking, an edit) to the running source.
 */
export class LiveControl {
  readonly watchlist: WatchlistControl

  constructor(
    private readonly engine: Engine,
    private readonly replay: ReplayControl,
  ) {
    this.watchlist = new WatchlistControl(
      () => engine.settings.get(),
      () => engine.setWatchlistStatus(() => this.watchlist.status()),
    )
    engine.bus.on('universe', (view) => this.watchlist.onUniverse(view))
    engine.settings.onChange(() => this.watchlist.onSettings())
    engine.setWatchlistStatus(() => this.watchlist.status())
  }

  /** Asks every venue of the live plan whether it answers, in parallel. */
  async probe(timeoutMs?: number): Promise<ProbeResult[]> {
    const settings = this.engine.settings.get()
    const plan = livePlan(settings, this.watchlist.keys(settings))
    return Promise.all(
      plan.watchlist.map((w) => probeVenue(w.venue, plan.overrides[w.venue] ?? {}, timeoutMs)),
    )
  }

  async start(): Promise<{ started: true }> {
    const settings = this.engine.settings.get()
    const keys = this.watchlist.keys(settings)
    const plan = livePlan(settings, keys)
    await this.replay.close()
    const source = new LiveSource({
      watchlist: plan.watchlist,
      referenceAsset: settings.referenceAsset,
      overrides: plan.overrides,
      log: (line) => this.engine.logger.info(line),
    })
    // Attached before the source starts: the universe may answer (and the ranking change) while it connects.
    this.watchlist.attach(
      {
        apply: (next) => this.apply(source, next),
        get active() {
          return source.active
        },
      },
      keys,
    )
    await this.engine.setSource(source)
    if (plan.skipped.length > 0) this.engine.notify('info', `Live without ${plan.skipped.join(', ')}.`)
    return { started: true }
  }

  /** A new watchlist for the running source: markets join and leave without a restart. */
  private apply(source: LiveSource, keys: string[]): void {
    let plan: LivePlan
    try {
      plan = livePlan(this.engine.settings.get(), keys)
    } catch (err) {
      this.engine.notify(
        'warning',
        `Watchlist not applied: ${err instanceof Error ? err.message : String(err)}`,
      )
      return
    }
    void source.updateWatchlist(plan.watchlist, plan.overrides).then(
      () => this.engine.logger.info('watchlist applied to live data', { markets: keys.length }),
      (err: unknown) => this.engine.notify('warning', `Watchlist not applied: ${String(err)}`),
    )
  }

  /** Stops live data (or any replay) and leaves the engine with no source. */
  async stop(): Promise<{ stopped: true }> {
    this.watchlist.attach(null)
    await this.replay.close()
    await this.engine.setSource(null)
    return { stopped: true }
  }
}
