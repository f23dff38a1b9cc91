import ccxt from 'ccxt'
import type { Exchange } from 'ccxt'
import type { MarketEvent } from '../../../../shared/market-event'
import type { Settings } from '../../../../shared/settings'
import type { UniverseRow, UniverseVenueState, UniverseView } from '../../../../shared/contract/universe'
import { hookRestResponses } from '../ccxt-internals'
import { RestBudget, retryAfterMs } from '../rest-budget'
import type { ConnectorVenue } from '../url-override'
import { applyBaseUrlOverride, overrideFromEnv } from '../url-override'
import { linearPerps } from './perp-ref'
import type { PerpRef } from './perp-ref'
import { newFetchState } from './universe-fetch'
import type { UniverseFetchState } from './universe-fetch'
import { universeEvents } from './universe-events'
import { adapterFor } from '../venues'

/** Seconds between refreshes: the bulk tickers move by the minute, and one call per venue a minute is cheap. */
export const UNIVERSE_CADENCE_SEC = 60

/** Venues with linear perps whose bulk endpoints the universe reads. */
export const UNIVERSE_VENUES: readonly ConnectorVenue[] = ['binanceusdm', 'bybit', 'okx']

/**
 * Every tier-1 market is scored from its figures (partial composites, with what they lack). They reach the
 * worker in slices, one a second, so no batch holds the worker long (a tier-1 market costs about 0.5 ms to
 * apply and snapshot; a thousand in one batch kept it past its heartbeat on a loaded machine): 1,200 markets
 * are scored within 12 s of their refresh, well inside the 60 s cadence.
 */
export const INGEST_SLICE_MARKETS = 100
export const INGEST_SLICE_GAP_MS = 1000

/** Market types each venue's listing is loaded for: linear perps only. */
const LISTING_OPTIONS: Partial<Record<ConnectorVenue, Record<string, unknown>>> = {
  bybit: { fetchMarkets: { types: ['linear'] } },
  okx: { fetchMarkets: { types: ['swap'] } },
}

export interface UniverseServiceDeps {
  settings: () => Settings
  /** Scoring inputs of the tier-1 markets, as market events. */
  ingest: (events: MarketEvent[]) => void
  publish: (view: UniverseView) => void
  /** Markets the watchlist streams (tier 2); absent: Settings' list. */
  streamed?: () => Iterable<string>
  log: (line: string) => void
  cadenceSec?: number
  /** Wait between ingest slices (tests shorten it). */
  sliceGapMs?: number
}

interface VenueHandle {
  ex: Exchange
  budget: RestBudget
  perps: PerpRef[] | null
  state: UniverseFetchState
  status: UniverseVenueState
  rows: UniverseRow[]
}

/**
 * Tier 1 of the radar: every linear perp of each enabled venue from its bulk REST endpoints, refreshed every
 * `cadenceSec` while live. One venue failing leaves the others' rows and says why in its state.
 */
export class UniverseService {
  private readonly venues = new Map<ConnectorVenue, VenueHandle>()
  private timer: NodeJS.Timeout | null = null
  private running = false
  private refreshing: Promise<void> | null = null
  private ingestAgain = false
  readonly cadenceSec: number

  constructor(private readonly deps: UniverseServiceDeps) {
    this.cadenceSec = deps.cadenceSec ?? UNIVERSE_CADENCE_SEC
  }

  get active(): boolean {
    return this.running
  }

  /** Starts refreshing now and every cadence; the venues and endpoints are read from Settings each time. */
  start(): void {
    if (this.running) return
    this.running = true
    void this.refresh()
    this.timer = setInterval(() => void this.refresh(), this.cadenceSec * 1000)
  }

  stop(): void {
    this.running = false
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.venues.clear()
    this.deps.publish(this.view())
  }

  view(): UniverseView {
    const handles = [...this.venues.values()]
    return {
      cadenceSec: this.cadenceSec,
      venues: handles.map((h) => h.status),
      rows: handles.flatMap((h) => h.rows),
    }
  }

  /**
   * One refresh of every enabled venue. A refresh still running is awaited, not doubled, and its figures are
   * handed to scoring once more at its end: the request may come from scoring that started afresh (a new live
   * source) after some of the running refresh's slices had gone to the old state.
   */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.ingestAgain = true
      return this.refreshing
    }
    this.refreshing = this.refreshAll().finally(() => (this.refreshing = null))
    return this.refreshing
  }

  private async refreshAll(): Promise<void> {
    const settings = this.deps.settings()
    const enabled = UNIVERSE_VENUES.filter((v) => settings.venues.includes(v))
    for (const v of [...this.venues.keys()]) if (!enabled.includes(v)) this.venues.delete(v)
    await Promise.all(enabled.map((v) => this.refreshVenue(v, settings)))
    if (!this.running) return
    const view = this.view()
    this.deps.publish(view)
    // Read after publishing: the automatic watchlist ranks on this view, and the markets it just took are
    // streamed, so their bulk figures must not reach scoring ahead of their history.
    const streamed = new Set(this.deps.streamed?.() ?? settings.watchlist)
    for (const v of UNIVERSE_VENUES) streamed.add(`${v}:${settings.referenceAsset}/USDT:USDT`)
    const opts = { gapMs: this.deps.sliceGapMs ?? INGEST_SLICE_GAP_MS, running: () => this.running }
    this.ingestAgain = false
    await ingestInSlices(view.rows, streamed, this.deps.ingest, opts)
    while (this.ingestAgain && this.running) {
      this.ingestAgain = false
      await ingestInSlices(view.rows, streamed, this.deps.ingest, opts)
    }
  }

  private handle(venue: ConnectorVenue, settings: Settings): VenueHandle {
    const known = this.venues.get(venue)
    if (known) return known
    const Ctor = (ccxt as unknown as Record<string, new (cfg: Record<string, unknown>) => Exchange>)[venue]
    if (!Ctor) throw new Error(`ccxt has no exchange "${venue}"`)
    const ex = new Ctor({ enableRateLimit: true, options: LISTING_OPTIONS[venue] ?? {} })
    const fromSettings = settings.baseUrls[venue]
    applyBaseUrlOverride(ex.urls.api, {
      ...overrideFromEnv(venue),
      ...(fromSettings?.rest ? { restUrl: fromSettings.rest } : {}),
    })
    const budget = new RestBudget(undefined, (ms, why) => this.deps.log(`universe ${venue}: ${why}`))
    hookRestResponses(ex, (status, headers) => {
      budget.lastHttpStatus = status
      if (status === 429 || status === 418 || status >= 500)
        budget.lastRetryAfterMs = retryAfterMs(headers, Date.now())
    })
    const h: VenueHandle = {
      ex,
      budget,
      perps: null,
      state: newFetchState(),
      status: { venue, markets: 0, refreshedAtMs: null, error: null, note: null },
      rows: [],
    }
    this.venues.set(venue, h)
    return h
  }

  private async refreshVenue(venue: ConnectorVenue, settings: Settings): Promise<void> {
    const h = this.handle(venue, settings)
    try {
      if (!h.perps) {
        await h.budget.run(() => h.ex.loadMarkets())
        h.perps = linearPerps(h.ex)
        h.status.markets = h.perps.length
      }
      const adapter = adapterFor(venue)
      if (!adapter.fetchUniverse) throw new Error(`${venue} has no bulk universe endpoints`)
      const got = await adapter.fetchUniverse({
        ex: h.ex,
        perps: h.perps,
        budget: h.budget,
        state: h.state,
        cadenceSec: this.cadenceSec,
        fundingIntervals: (symbols) => adapter.fundingIntervals(h.ex, symbols, h.budget),
      })
      h.rows = got.rows
      h.status = { ...h.status, refreshedAtMs: Date.now(), error: null, note: got.note }
    } catch (err) {
      // The previous rows stay (marked by their age); the state says why this refresh failed.
      const why = err instanceof Error ? (err.message.split('\n')[0] as string) : String(err)
      h.status = { ...h.status, error: `refresh failed: ${why}` }
      this.deps.log(`universe ${venue}: refresh failed: ${why}`)
    }
  }
}

/**
 * Hands every tier-1 row's figures to scoring (watchlist markets left out: their streams are fresher), the
 * busiest by 24 h volume first, `INGEST_SLICE_MARKETS` at a time with `gapMs` between slices.
 */
export async function ingestInSlices(
  rows: readonly UniverseRow[],
  streamed: ReadonlySet<string>,
  ingest: (events: MarketEvent[]) => void,
  opts: { gapMs: number; running: () => boolean },
): Promise<void> {
  const order = busiestFirst(rows, streamed)
  for (let i = 0; i < order.length && opts.running(); i += INGEST_SLICE_MARKETS) {
    if (i > 0) await new Promise((r) => setTimeout(r, opts.gapMs))
    if (!opts.running()) return
    ingest(universeEvents(order.slice(i, i + INGEST_SLICE_MARKETS), streamed, Date.now()))
  }
}

/** Tier-1 rows by 24 h volume, largest first (rows without one last), watchlist markets left out. */
export function busiestFirst(rows: readonly UniverseRow[], streamed: ReadonlySet<string>): UniverseRow[] {
  return rows
    .filter((r) => !streamed.has(r.key))
    .sort((a, b) => (b.volume24hUsd ?? -1) - (a.volume24hUsd ?? -1) || a.key.localeCompare(b.key))
}
