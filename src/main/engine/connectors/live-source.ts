import type { MarketEvent } from '../../../shared/market-event'
import type { DataSource, EventSink, VenueStatus } from '../data-source'
import type { ConnectorOptions } from './connector-options'
import { DEFAULT_CONNECTOR_OPTIONS } from './connector-options'
import type { BaseUrlOverride, ConnectorVenue } from './url-override'
import { overrideFromEnv } from './url-override'
import { VenueConnector } from './venue-connector'
import { ccxtVersionWarning } from './ccxt-internals'

export interface WatchlistEntry {
  venue: ConnectorVenue
  /** Unified ccxt symbols: `BTC/USDT:USDT` (perp), `BTC/USDT` (spot). */
  symbols: string[]
}

export interface LiveSourceOptions extends Partial<Omit<ConnectorOptions, 'override'>> {
  watchlist: WatchlistEntry[]
  /** Always subscribed for correlation: its USDT perp on every perp venue of the watchlist. */
  referenceAsset?: 'BTC' | 'ETH'
  /** Per-venue base URL overrides from settings; env vars RADAR_<VENUE>_{REST,WS}_URL fill what is unset. */
  overrides?: Partial<Record<ConnectorVenue, BaseUrlOverride>>
  /** Events are delivered in batches every this many ms. */
  flushMs?: number
  /** Undelivered events kept at most; beyond it the oldest are dropped and counted. */
  maxPendingEvents?: number
}

const PERP_VENUES: readonly ConnectorVenue[] = ['binanceusdm', 'bybit', 'okx']
/** Most events one flush hands to the sink. */
const MAX_EVENTS_PER_FLUSH = 2000

/** Live market data from the venues of a watchlist, as a DataSource. */
export class LiveSource implements DataSource {
  readonly kind = 'live' as const
  readonly label: string
  readonly connectors: VenueConnector[] = []
  private pending: MarketEvent[] = []
  private flushTimer: NodeJS.Timeout | null = null
  private sink: EventSink | null = null
  droppedEvents = 0

  constructor(private readonly opts: LiveSourceOptions) {
    // A base URL override means another endpoint (a local emulator, a proxy) stands in for the venue: say so,
    // so recorded payloads served by an emulator are never mistaken for the venue's live feed.
    const overridden = [...new Set(opts.watchlist.map((w) => w.venue))].flatMap((venue) => {
      const o = { ...overrideFromEnv(venue), ...(opts.overrides?.[venue] ?? {}) }
      return o.restUrl || o.wsUrl ? [`${venue} via ${o.restUrl ?? o.wsUrl}`] : []
    })
    this.label =
      `Live — ${opts.watchlist.map((w) => w.venue).join(', ')}` +
      (overridden.length > 0 ? ` · custom endpoint: ${overridden.join(', ')}` : '')
  }

  /** The venue → symbols map actually subscribed (watchlist plus the reference asset). */
  subscriptions(): Map<ConnectorVenue, string[]> {
    const out = new Map<ConnectorVenue, string[]>()
    for (const w of this.opts.watchlist)
      out.set(w.venue, [...new Set([...(out.get(w.venue) ?? []), ...w.symbols])])
    const ref = this.opts.referenceAsset
    if (ref) {
      for (const [venue, symbols] of out) {
        const sym = `${ref}/USDT:USDT`
        if (PERP_VENUES.includes(venue) && !symbols.includes(sym)) symbols.push(sym)
      }
    }
    return out
  }

  async start(sink: EventSink): Promise<void> {
    const flushMs = this.opts.flushMs ?? 50
    const cap = this.opts.maxPendingEvents ?? 100_000
    const base: ConnectorOptions = { ...DEFAULT_CONNECTOR_OPTIONS, ...this.opts, override: {} }
    const versionWarning = ccxtVersionWarning()
    if (versionWarning) base.log(versionWarning)
    for (const [venue, symbols] of this.subscriptions()) {
      const override = { ...overrideFromEnv(venue), ...(this.opts.overrides?.[venue] ?? {}) }
      const c = new VenueConnector(
        venue,
        symbols,
        (events, live) => {
          c.status.noteEvents(events, live)
          this.pending.push(...events)
          if (this.pending.length > cap) {
            this.droppedEvents += this.pending.length - cap
            this.pending.splice(0, this.pending.length - cap)
          }
        },
        { ...base, override },
      )
      this.connectors.push(c)
    }
    this.sink = sink
    this.flushTimer = setInterval(() => {
      if (this.pending.length === 0) return
      // A warm start's history arrives as tens of thousands of events at once: handed on a slice per flush,
      // so the scorer works through it between heartbeats instead of in one long blocking batch.
      const batch =
        this.pending.length <= MAX_EVENTS_PER_FLUSH
          ? this.pending
          : this.pending.splice(0, MAX_EVENTS_PER_FLUSH)
      if (batch === this.pending) this.pending = []
      sink(batch)
    }, flushMs)
    // One venue failing to start (unreachable, no such market) must not keep the others down.
    const results = await Promise.allSettled(this.connectors.map((c) => c.start()))
    results.forEach((r, i) => {
      if (r.status === 'rejected') {
        const c = this.connectors[i] as VenueConnector
        c.status.problem(
          'down',
          r.reason instanceof Error ? (r.reason.message.split('\n')[0] as string) : String(r.reason),
        )
      }
    })
  }

  async stop(): Promise<void> {
    if (this.flushTimer) clearInterval(this.flushTimer)
    await Promise.all(this.connectors.map((c) => c.stop()))
    // Events still pending (a perp's held live events among them) reach the sink before stop returns.
    const rest = this.pending
    this.pending = []
    if (rest.length > 0) this.sink?.(rest)
  }

  venueStatuses(): VenueStatus[] {
    const now = Date.now()
    return this.connectors.map((c) => c.statusSnapshot(now))
  }
}
