import ccxt from 'ccxt'
import type { Exchange } from 'ccxt'
import type { GapEvent, MarketEvent } from '../../../shared/market-event'
import { isPerpSymbol } from '../../../shared/market-event'
import type { VenueStatus } from '../data-source'
import type { BackfillOptions, ConnectorOptions } from './connector-options'
import { bookConnectionUrl, resubscribeSilentBook, resyncBook } from './book-resync'
import { createExchange } from './exchange-factory'
import { FrameGuard } from './frame-guard'
import type { HistoryDeps } from './history'
import { backfillMarket, pollMarket } from './history'
import { seedMarketHistory } from './warm-history'
import type { StreamSpec, WatchedMarket } from './market-streams'
import { streamsFor } from './market-streams'
import { tradeEvent } from './normalize'
import type { CcxtTrade } from './normalize'
import { RestBudget } from './rest-budget'
import { LiveHold } from './live-hold'
import { StreamLoop } from './stream-loop'
import type { ConnectorVenue } from './url-override'
import { VenueStatusTracker } from './venue-status'
import { wsClients } from './ccxt-internals'
import { adapterFor } from './venues'

/** The longest the pollers wait for the history backfill before they start regardless. */
const POLL_AFTER_BACKFILL_MS = 60_000

/** All streams, pollers and backfills of one venue, on one ccxt.pro instance and one REST budget. */
export class VenueConnector {
  readonly status: VenueStatusTracker
  readonly guard: FrameGuard
  readonly budget: RestBudget
  private ex: Exchange | null = null
  private readonly watched = new Map<string, WatchedMarket>()
  private readonly loops: StreamLoop<unknown>[] = []
  /** Each watched market's own stream loops, so a market can leave without touching the others. */
  private readonly marketLoops = new Map<string, StreamLoop<unknown>[]>()
  private venueStreamsStarted = false
  /** Perps added while running whose seed history is not in yet: the pollers wait for it (see addMarkets). */
  private readonly unseeded = new Set<string>()
  private readonly timers: NodeJS.Timeout[] = []
  private readonly lastFrameMs = new Map<string, number>()
  /** When each watched market's book last delivered, for the per-stream watchdog. */
  private readonly lastBookMs = new Map<string, number>()
  /** Books resubscribed because they went silent on a live connection. */
  bookResubscribes = 0
  private stopped = false
  stalls = 0
  /** Live events of perps whose seed history is still loading, released after it (see backfillThenPoll). */
  private readonly hold: LiveHold

  constructor(
    readonly venue: ConnectorVenue,
    private symbols: readonly string[],
    private readonly emit: (events: MarketEvent[], live: boolean) => void,
    private readonly opts: ConnectorOptions,
  ) {
    this.status = new VenueStatusTracker(venue)
    const log = (line: string) => opts.log(`[${venue}] ${line}`)
    this.hold = new LiveHold((events, live) => this.emit(events, live), log)
    this.guard = new FrameGuard(venue, log, (url, m) => {
      if (this.ex) resyncBook(this.ex, url, m)
    })
    this.budget = new RestBudget(opts.restBudget, (_ms, why) => {
      this.status.message = why
      log(why)
    })
  }

  /** `live`: polled current values (they make a metric fresh); false: history from a backfill. */
  private deps(live = false): HistoryDeps {
    return {
      ex: this.ex as Exchange,
      venue: this.venue,
      budget: this.budget,
      emit: (events) => this.emit(events, live),
      progress: (p) => {
        this.status.noteBackfill(p)
        this.opts.onProgress(this.venue, p)
      },
      failed: (task, reason) => {
        this.status.backfillFailed(task, reason)
        this.opts.log(`[${this.venue}] backfill ${task} refused: ${reason}`)
      },
    }
  }

  async start(): Promise<void> {
    this.status.state = 'connecting'
    const ex = await createExchange(this.venue, this.opts.override, {
      guard: this.guard,
      budget: this.budget,
      onFrame: (url) => this.lastFrameMs.set(url, Date.now()),
    })
    this.ex = ex
    await this.budget.run(() => ex.loadMarkets())
    for (const m of await this.marketsFor(this.symbols)) this.watched.set(m.symbol, m)
    if (this.opts.backfill)
      for (const symbol of this.watched.keys()) if (isPerpSymbol(symbol)) this.hold.hold(symbol)
    for (const m of this.watched.values()) this.startMarketLoops(m)
    this.startVenueStreams()
    const wd = setInterval(() => this.watchdog(), Math.max(50, this.opts.watchdogMs / 4))
    this.timers.push(wd)
    this.status.state = 'connected'
    if (this.opts.backfill) void this.backfillThenPoll(this.opts.backfill)
    else this.startPollers()
  }

  /** The watched-market records of `symbols` (throws naming the first one the venue does not list). */
  private async marketsFor(symbols: readonly string[]): Promise<WatchedMarket[]> {
    const ex = this.ex as Exchange
    const intervals = await adapterFor(this.venue).fundingIntervals(ex, symbols, this.budget)
    return symbols.map((symbol) => {
      const market = ex.markets?.[symbol]
      if (!market) throw new Error(`${this.venue} has no market "${symbol}"`)
      return {
        symbol,
        marketId: String(market.id),
        market,
        contractSize: market.contractSize ?? 1,
        inverse: market.inverse === true,
        fundingIntervalHours: isPerpSymbol(symbol) ? (intervals.get(symbol) ?? null) : null,
        lastExchangeTsMs: null,
        lastBookEmitMs: 0,
        lastMark: '',
        lastFunding: '',
        lastOi: '',
      }
    })
  }

  private startMarketLoops(m: WatchedMarket): void {
    const loops = streamsFor(this.ex as Exchange, this.venue, m, this.opts).map((spec) =>
      this.startLoop(spec, m),
    )
    this.marketLoops.set(m.symbol, loops)
  }

  /** The venue-wide streams (Binance's all-market liquidations) once a market needs them; they read `watched`. */
  private startVenueStreams(): void {
    if (this.venueStreamsStarted) return
    const specs = adapterFor(this.venue).venueStreams?.(this.ex as Exchange, this.watched) ?? []
    if (specs.length === 0) return
    this.venueStreamsStarted = true
    for (const spec of specs) this.startLoop(spec, null)
  }

  /** Symbols subscribed now. */
  get symbolsWatched(): string[] {
    return [...this.watched.keys()]
  }

  /**
   * Subscribes more markets on the running connection, the others' streams untouched (the automatic watchlist's
   * re-ranking, a market pinned). A perp gets the same warm start as at start: its live price path is held
   * while its seed history loads, the pollers wait for it, then its funding and long/short history follow.
   * Symbols the venue does not list are skipped and returned, with why.
   */
  async addMarkets(symbols: readonly string[]): Promise<string[]> {
    const ex = this.ex
    if (!ex || this.stopped) return []
    const fresh = [...new Set(symbols)].filter((s) => !this.watched.has(s))
    const missing = fresh.filter((s) => !ex.markets?.[s])
    const markets = await this.marketsFor(fresh.filter((s) => ex.markets?.[s]))
    if (this.stopped) return []
    const backfill = this.opts.backfill
    for (const m of markets) {
      this.watched.set(m.symbol, m)
      if (backfill && isPerpSymbol(m.symbol)) {
        this.hold.hold(m.symbol)
        this.unseeded.add(m.symbol)
      }
      this.startMarketLoops(m)
    }
    this.symbols = [...this.watched.keys()]
    this.startVenueStreams()
    if (backfill)
      void this.warmAdded(
        markets.filter((m) => isPerpSymbol(m.symbol)),
        backfill,
      )
    return missing.map((s) => `${this.venue} has no market "${s}"`)
  }

  /** Seed history of perps added while running, one at a time, then their later history (see backfillThenPoll). */
  private async warmAdded(markets: WatchedMarket[], backfill: BackfillOptions): Promise<void> {
    const timer = setTimeout(() => {
      for (const m of markets) this.hold.release(m.symbol, null, 'seed history still loading')
    }, backfill.holdLiveMs)
    for (const m of markets) {
      if (this.stopped) break
      if (this.watched.get(m.symbol) !== m) continue
      await this.seedOne(m, backfill)
      this.unseeded.delete(m.symbol)
    }
    clearTimeout(timer)
    for (const m of markets) {
      if (this.stopped) return
      if (this.watched.get(m.symbol) !== m) continue
      await backfillMarket(this.deps(), m, backfill).catch((err: unknown) => this.logBackfill(m, err))
    }
  }

  /**
   * Unsubscribes markets on the running connection: their loops stop, their held events are dropped, the
   * pollers and the venue-wide streams leave them out, the other markets' streams go on. ccxt keeps the
   * venue's subscription on the socket until the next reconnect (the emulator and ccxt's unWatch* do not agree
   * on every venue), so its frames may still arrive for a while and are ignored.
   */
  removeMarkets(symbols: readonly string[]): void {
    for (const symbol of symbols) {
      if (!this.watched.delete(symbol)) continue
      this.hold.forget(symbol)
      this.unseeded.delete(symbol)
      this.lastBookMs.delete(symbol)
      for (const loop of this.marketLoops.get(symbol) ?? []) {
        const i = this.loops.indexOf(loop)
        if (i >= 0) this.loops.splice(i, 1)
        // Not awaited: a loop waits for its next frame, which a quiet market may never send.
        void loop.stop()
      }
      this.marketLoops.delete(symbol)
    }
    this.symbols = [...this.watched.keys()]
  }

  /** One perp's seed history, delivered ahead of its held live events (see backfillThenPoll). */
  private async seedOne(m: WatchedMarket, backfill: BackfillOptions): Promise<void> {
    try {
      const seed = await seedMarketHistory(this.deps(), m, backfill)
      if (this.stopped || this.watched.get(m.symbol) !== m) return
      this.hold.deliverSeed(m.symbol, seed.events, seed.newestTradeMs)
    } catch (err) {
      this.logBackfill(m, err)
      this.hold.release(m.symbol, null, null)
    }
  }

  /**
   * Each perp's seed history first (open interest, candles, taker volume, recent trades: warm-history.ts),
   * delivered in time order ahead of its held live events; then the pollers; then funding and long/short
   * history. The scorer and the liquidation map keep their series in time order, so a live value landing
   * before the history would make them drop or misfile the backfilled window. A backfill that drags on (a
   * venue rate-limiting it) releases the live events after holdLiveMs and lets the pollers start after
   * POLL_AFTER_BACKFILL_MS anyway.
   */
  private async backfillThenPoll(backfill: BackfillOptions): Promise<void> {
    const timers: NodeJS.Timeout[] = []
    const after = (ms: number) => new Promise<void>((resolve) => timers.push(setTimeout(resolve, ms)))
    // The markets of the start only: those added later warm up on their own (warmAdded).
    const initial = [...this.watched.values()]
    void after(backfill.holdLiveMs).then(() => {
      for (const m of initial) this.hold.release(m.symbol, null, 'seed history still loading')
    })
    const seeds = (async () => {
      for (const m of initial.filter((x) => isPerpSymbol(x.symbol))) {
        if (this.stopped) return
        if (this.watched.get(m.symbol) !== m) continue
        await this.seedOne(m, backfill)
      }
    })()
    await Promise.race([seeds, after(POLL_AFTER_BACKFILL_MS)])
    for (const t of timers) clearTimeout(t)
    if (this.stopped) return
    this.startPollers()
    await this.backfillAll(initial)
  }

  private startLoop(spec: StreamSpec, m: WatchedMarket | null): StreamLoop<unknown> {
    const loop = new StreamLoop<unknown>(
      `${this.venue}:${m?.symbol ?? '*'}:${spec.stream}`,
      {
        watch: spec.watch,
        onData: (v, now) => {
          if (m && spec.stream === 'book') this.lastBookMs.set(m.symbol, now)
          const events = spec.toEvents(v, now)
          if (events.length === 0) return
          if (m) m.lastExchangeTsMs = Math.max(m.lastExchangeTsMs ?? 0, ...events.map((e) => e.exchangeTsMs))
          this.status.healthy()
          this.hold.pass(events)
        },
        onError: (err, ms) => {
          if (this.stopped) return
          const msg = err instanceof Error ? err.message.split('\n')[0] : String(err)
          this.status.problem('reconnecting', `${spec.stream} ${m?.symbol ?? ''}: ${msg}; retry in ${ms} ms`)
          if (spec.stream === 'book') this.guard.resetStreams()
        },
        onRecovered: (downSinceMs) => {
          this.status.counts.reconnects++
          if (m && spec.stream === 'trade') void this.fillGap(m, downSinceMs)
        },
      },
      this.opts.backoff,
    )
    this.loops.push(loop)
    if (m && spec.stream === 'book') this.lastBookMs.set(m.symbol, Date.now())
    loop.start()
    return loop
  }

  /** After an outage the missed trades are fetched over REST and the gap is marked either way. */
  private async fillGap(m: WatchedMarket, downSinceMs: number): Promise<void> {
    const ex = this.ex as Exchange
    const fromTsMs = m.lastExchangeTsMs ?? downSinceMs
    const base = {
      type: 'gap' as const,
      venue: this.venue,
      symbol: m.symbol,
      stream: 'trade',
      reason: 'stream reconnected',
    }
    try {
      const trades = (await this.budget.run(() =>
        ex.fetchTrades(m.symbol, fromTsMs + 1, 1000),
      )) as CcxtTrade[]
      const ctx = { venue: this.venue, symbol: m.symbol, receiveTsMs: Date.now() }
      const filled = trades
        .map((t) => tradeEvent(ctx, t, m.contractSize, m.inverse))
        .filter((e) => e !== null && e.exchangeTsMs > fromTsMs)
      const toTsMs = Math.max(m.lastExchangeTsMs ?? fromTsMs, ...filled.map((e) => e!.exchangeTsMs))
      const gap: GapEvent = {
        ...base,
        exchangeTsMs: toTsMs,
        receiveTsMs: Date.now(),
        fromTsMs,
        toTsMs,
        backfilled: true,
      }
      this.emit([...filled.filter((e) => e !== null), gap], false)
      for (const what of ['openInterest', 'longShort'] as const)
        void pollMarket(this.deps(true), m, what).catch(() => {})
    } catch (err) {
      const now = Date.now()
      const reason = `${base.reason}; backfill failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`
      this.emit(
        [
          {
            ...base,
            reason,
            exchangeTsMs: fromTsMs,
            receiveTsMs: now,
            fromTsMs,
            toTsMs: m.lastExchangeTsMs ?? fromTsMs,
            backfilled: false,
          },
        ],
        false,
      )
    }
  }

  /** A connection that is open but silent for watchdogMs is failed on purpose so its streams resubscribe. */
  private watchdog(): void {
    const now = Date.now()
    for (const [url, client] of Object.entries(wsClients(this.ex as Exchange))) {
      if (client.connection?.readyState !== 1) continue
      const last = this.lastFrameMs.get(url)
      if (last === undefined) {
        this.lastFrameMs.set(url, now)
        continue
      }
      if (now - last < this.opts.watchdogMs) continue
      this.stalls++
      this.lastFrameMs.delete(url)
      this.status.problem('stalled', `no frame on ${url} for ${now - last} ms; reconnecting`)
      client.onError(new ccxt.NetworkError(`watchdog: connection silent for ${now - last} ms`))
      client.connection?.terminate?.()
    }
    this.watchBooks(now)
  }

  /** A book silent on a connection that other streams keep busy is resubscribed on its own. */
  private watchBooks(now: number): void {
    const ex = this.ex as Exchange
    for (const [symbol, last] of this.lastBookMs) {
      const silentMs = now - last
      if (silentMs < this.opts.bookSilenceMs) continue
      const url = bookConnectionUrl(ex, symbol)
      // A silent connection is the connection watchdog's; only a live one with a silent book is ours.
      if (url === null || now - (this.lastFrameMs.get(url) ?? 0) >= this.opts.watchdogMs) continue
      this.bookResubscribes++
      this.lastBookMs.set(symbol, now)
      const why = `${symbol} book silent for ${silentMs} ms while its connection delivers other streams`
      this.status.problem('reconnecting', `${why}; resubscribing`)
      resubscribeSilentBook(ex, url, symbol, why)
    }
  }

  private startPollers(): void {
    for (const what of ['openInterest', 'longShort'] as const) {
      const run = () => {
        for (const m of this.watched.values()) {
          // A perp added while running is polled once its history is in (the scorer keeps OI in time order).
          if (this.unseeded.has(m.symbol)) continue
          pollMarket(this.deps(true), m, what).catch((err: unknown) => {
            this.opts.log(
              `[${this.venue}] ${what} poll ${m.symbol}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
            )
          })
        }
      }
      run()
      this.timers.push(setInterval(run, this.opts.pollMs[what]))
    }
  }

  private async backfillAll(markets: readonly WatchedMarket[]): Promise<void> {
    if (!this.opts.backfill) return
    for (const m of markets) {
      if (this.watched.get(m.symbol) !== m) continue
      if (this.stopped) return
      await backfillMarket(this.deps(), m, this.opts.backfill).catch((err: unknown) =>
        this.logBackfill(m, err),
      )
    }
  }

  private logBackfill(m: WatchedMarket, err: unknown): void {
    this.opts.log(
      `[${this.venue}] backfill ${m.symbol}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    )
  }

  async stop(): Promise<void> {
    this.stopped = true
    // What a perp held for its history is delivered, not lost: a short recording keeps its live events.
    for (const symbol of this.hold.symbols) this.hold.release(symbol, null, null)
    for (const t of this.timers) clearInterval(t)
    const stops = this.loops.map((l) => l.stop())
    await this.ex?.close().catch(() => {})
    await Promise.all(stops)
    this.status.state = 'idle'
  }

  statusSnapshot(nowMs: number): VenueStatus {
    const c = this.guard.counts
    return {
      ...this.status.snapshot(nowMs, c.malformed + c.duplicate + c.outOfOrder),
      markets: [...this.watched.keys()],
    }
  }
}
