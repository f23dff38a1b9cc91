import type { Engine } from '../engine'
import { LiveSource } from '../connectors/live-source'
import type { WatchlistEntry } from '../connectors/live-source'
import type { ConnectorVenue } from '../connectors/url-override'
import { parseMarketKey } from '../../../shared/market-event'
import type { ReplayControl } from './replay-control'

const CONNECTOR_VENUES: readonly string[] = ['binanceusdm', 'binance', 'bybit', 'okx']

/** Starts live data for the watchlist in Settings (plus the reference asset) as the engine's source. */
export class LiveControl {
  constructor(
    private readonly engine: Engine,
    private readonly replay: ReplayControl,
  ) {}

  async start(): Promise<{ started: true }> {
    const settings = this.engine.settings.get()
    const byVenue = new Map<ConnectorVenue, string[]>()
    for (const key of settings.watchlist) {
      const { venue, symbol } = parseMarketKey(key)
      if (!CONNECTOR_VENUES.includes(venue))
        throw new Error(`live data is not available for venue "${venue}" (${key})`)
      const list = byVenue.get(venue as ConnectorVenue) ?? []
      list.push(symbol)
      byVenue.set(venue as ConnectorVenue, list)
    }
    if (byVenue.size === 0) throw new Error('the watchlist is empty: add markets in Settings first')
    const watchlist: WatchlistEntry[] = [...byVenue].map(([venue, symbols]) => ({ venue, symbols }))
    const overrides = Object.fromEntries(
      Object.entries(settings.baseUrls)
        .filter(([venue]) => CONNECTOR_VENUES.includes(venue))
        .map(([venue, u]) => [venue, { restUrl: u.rest, wsUrl: u.ws }]),
    )
    await this.replay.close()
    await this.engine.setSource(
      new LiveSource({ watchlist, referenceAsset: settings.referenceAsset, overrides }),
    )
    return { started: true }
  }
}
