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
  readonly connectors: VenueConnector[] = []
  private pending: MarketEvent[] = []
  private flushTimer: NodeJS.Timeout | null = null
  private sink: EventSink | null = null
  private watchlist: WatchlistEntry[]
  private overrides: Partial<Record<ConnectorVenue, BaseUrlOverride>>
  private stopped = false
  /** Watchlist changes are applied one after another (each may wait for a connector to start). */
  private updating: Promise<void> = Promise.resolve()
  droppedEvents = 0

  constructor(private readonly opts: LiveSourceOptions) {
    this.watchlist = opts.watchlist
    this.overrides = opts.overrides ?? {}
  }

  /** Started and not stopped since. */
  get active(): boolean {
    return this.sink !== null && !this.stopped
  }

  /** The venues streamed, and which of them another endpoint (an emulator, a proxy) stands in for. */
  get label(): string {
    // Said in the label so recorded payloads served by an emulator are never mistaken for the venue's feed.
    const venues = [...new Set(this.watchlist.map((w) => w.venue))]
    const overridden = venues.flatMap((venue) => {
      const o = this.override(venue)
      return o.restUrl || o.wsUrl ? [`${venue} via ${o.restUrl ?? o.wsUrl}`] : []
    })
    return (
      `Live — ${venues.join(', ')}` +
      (overridden.length > 0 ? ` · custom endpoint: ${overridden.join(', ')}` : '')
    )
  }

  private override(venue: ConnectorVenue): BaseUrlOverride {
    return { ...overrideFromEnv(venue), ...(this.overrides[venue] ?? {}) }
  }

  /** The venue → symbols map actually subscribed (watchlist plus the reference asset). */
  subscriptions(): Map<ConnectorVenue, string[]> {
    const out = new Map<ConnectorVenue, string[]>()
    for (const w of this.watchlist)
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

  private connectorFor(venue: ConnectorVenue, symbols: string[]): VenueConnector {
    const cap = this.opts.maxPendingEvents ?? 100_000
    const base: ConnectorOptions = { ...DEFAULT_CONNECTOR_OPTIONS, ...this.opts, override: {} }
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
      { ...base, override: this.override(venue) },
    )
    return c
  }

  /**
   * Changes the markets streamed without a restart: each venue's connector subscribes the markets that joined
   * and drops those that left, its other streams untouched; a venue that joins gets a connector of its own
   * and one that leaves is stopped. Resolves once the change is applied (a new venue once it has started).
   */
  updateWatchlist(
    watchlist: WatchlistEntry[],
    overrides?: Partial<Record<ConnectorVenue, BaseUrlOverride>>,
  ): Promise<void> {
    this.updating = this.updating.then(() => {
      if (overrides) this.overrides = { ...this.overrides, ...overrides }
      return this.applyWatchlist(watchlist)
    })
    return this.updating
  }

  private async applyWatchlist(watchlist: WatchlistEntry[]): Promise<void> {
    if (this.stopped) return
    if (!this.sink) {
      this.watchlist = watchlist
      return
    }
    this.watchlist = watchlist
    const wanted = this.subscriptions()
    for (const c of [...this.connectors]) {
      const symbols = wanted.get(c.venue)
      if (symbols) continue
      this.connectors.splice(this.connectors.indexOf(c), 1)
      await c.stop()
    }
    const started: Promise<void>[] = []
    for (const [venue, symbols] of wanted) {
      const c = this.connectors.find((x) => x.venue === venue)
      if (!c) {
        const fresh = this.connectorFor(venue, symbols)
        this.connectors.push(fresh)
        started.push(this.startConnector(fresh))
        continue
      }
      const now = new Set(c.symbolsWatched)
      c.removeMarkets([...now].filter((s) => !symbols.includes(s)))
      const refused = await c.addMarkets(symbols.filter((s) => !now.has(s)))
      if (refused.length > 0) c.status.message = refused.join('; ')
    }
    await Promise.all(started)
  }

  /** Starts one connector; a venue failing to start (unreachable, no such market) is marked down, not thrown. */
  private async startConnector(c: VenueConnector): Promise<void> {
    try {
      await c.start()
    } catch (err) {
      c.status.problem('down', err instanceof Error ? (err.message.split('\n')[0] as string) : String(err))
    }
  }

  async start(sink: EventSink): Promise<void> {
    const flushMs = this.opts.flushMs ?? 50
    const versionWarning = ccxtVersionWarning()
    if (versionWarning) (this.opts.log ?? DEFAULT_CONNECTOR_OPTIONS.log)(versionWarning)
    for (const [venue, symbols] of this.subscriptions())
      this.connectors.push(this.connectorFor(venue, symbols))
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
    // One venue failing to start (unreachable, no such market) must not keep the others down. A watchlist
    // change asked for meanwhile waits for the connectors to have their exchange (updateWatchlist).
    const starting = Promise.all(this.connectors.map((c) => this.startConnector(c))).then(() => {})
    this.updating = starting
    await starting
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.flushTimer) clearInterval(this.flushTimer)
    await this.updating.catch(() => {})
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
