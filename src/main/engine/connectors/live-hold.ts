import type { MarketEvent } from '../../../shared/market-event'

/** Live event types a perp holds back until its seed history is delivered (see LiveHold.pass). */
const HELD_TYPES = new Set<MarketEvent['type']>(['trade', 'mark', 'candle', 'openInterest', 'takerVolume'])

/**
 * The warm start's hold on one venue's perps: while a perp's seed history loads, its live price path and
 * positioning wait, then follow the history in time order. The scorer and the liquidation map keep their
 * series in time order, so a live value landing before the history would make them drop or misfile it.
 */
export class LiveHold {
  /** Live events of perps whose seed history is still loading. */
  private readonly held = new Map<string, MarketEvent[]>()
  /** Oldest live trade passed on per perp whose hold ended before its seed history arrived. */
  private readonly liveTradeFloorMs = new Map<string, number>()

  constructor(
    private readonly emit: (events: MarketEvent[], live: boolean) => void,
    private readonly log: (line: string) => void,
  ) {}

  /** Perps held now. */
  get symbols(): string[] {
    return [...this.held.keys()]
  }

  /** Holds a perp's live events from now until `release` or `deliverSeed`. */
  hold(symbol: string): void {
    this.held.set(symbol, [])
  }

  /** A perp no longer watched: what it held is dropped. */
  forget(symbol: string): void {
    this.held.delete(symbol)
    this.liveTradeFloorMs.delete(symbol)
  }

  /**
   * Live events pass, except a held perp's price path and positioning (trades, marks, candles, open interest,
   * taker volume), which wait for its seed history: the price bars, VPIN and the liquidation map build them in
   * time order, and the map takes its bar length from the first of them. Books, quotes, funding estimates and
   * liquidations pass at once (none of them starts a bar), so the market's row shows within seconds.
   */
  pass(events: MarketEvent[]): void {
    for (const [symbol, floor] of this.liveTradeFloorMs)
      if (floor === Infinity) {
        const first = events.find((e) => e.type === 'trade' && e.symbol === symbol)
        if (first) this.liveTradeFloorMs.set(symbol, first.exchangeTsMs)
      }
    if (this.held.size === 0) return this.emit(events, true)
    const pass: MarketEvent[] = []
    for (const e of events) {
      const buf = HELD_TYPES.has(e.type) ? this.held.get(e.symbol) : undefined
      if (buf) buf.push(e)
      else pass.push(e)
    }
    if (pass.length > 0) this.emit(pass, true)
  }

  /**
   * Hands a perp's held live events on after its seed history. Live trades up to the newest backfilled one are
   * the same trades (Binance's aggregates against its raw stream: ids differ, so time decides) and are dropped.
   * `why`: released before the history (the hold ran out), said in the log.
   */
  release(symbol: string, newestSeedTradeMs: number | null, why: string | null): void {
    const buf = this.held.get(symbol)
    if (!buf) return
    this.held.delete(symbol)
    if (why) this.log(`${symbol}: live events released before the history (${why})`)
    const cut = newestSeedTradeMs ?? -Infinity
    const live = buf.filter((e) => e.type !== 'trade' || e.exchangeTsMs > cut)
    if (why) this.liveTradeFloorMs.set(symbol, Infinity)
    if (live.length > 0) this.pass(live)
  }

  /** A perp's seed history, then its held live events; trades the hold already let pass are not sent again. */
  deliverSeed(symbol: string, events: MarketEvent[], newestTradeMs: number | null): void {
    const floor = this.liveTradeFloorMs.get(symbol) ?? Infinity
    this.liveTradeFloorMs.delete(symbol)
    this.emit(
      events.filter((e) => e.type !== 'trade' || e.exchangeTsMs < floor),
      false,
    )
    this.release(symbol, newestTradeMs, null)
  }
}
