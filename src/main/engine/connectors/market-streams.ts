import type { Exchange, Market } from 'ccxt'
import type { MarketEvent } from '../../../shared/market-event'
import { isPerpSymbol } from '../../../shared/market-event'
import type { CcxtBook, CcxtTrade } from './normalize'
import { bookEvent, tradeEvent } from './normalize'
import type { ConnectorVenue } from './url-override'
import { adapterFor } from './venues'

/** One watched market: what the streams need to normalize it. */
export interface WatchedMarket {
  symbol: string
  /** The venue's own id of the market (`BTCUSDT`). */
  marketId: string
  market: Market
  contractSize: number
  /** Coin-margined: a contract is worth `contractSize` of the quote currency, not of the base. */
  inverse: boolean
  fundingIntervalHours: number | null
  lastExchangeTsMs: number | null
  lastBookEmitMs: number
  /** Last values emitted from a ticker, so repeated tickers emit only what changed. */
  lastMark: string
  lastFunding: string
  lastOi: string
}

/** A named ccxt watch call and how its result becomes events. */
export interface StreamSpec {
  stream: string
  watch: () => Promise<unknown>
  toEvents: (value: unknown, receiveTsMs: number) => MarketEvent[]
}

/** Trades and book for every market, then the venue's own streams for a perp (its adapter's). */
export function streamsFor(
  ex: Exchange,
  venue: ConnectorVenue,
  m: WatchedMarket,
  opts: { bookDepth: number; bookThrottleMs: number },
): StreamSpec[] {
  const ctx = (receiveTsMs: number) => ({ venue, symbol: m.symbol, receiveTsMs })
  const perp = isPerpSymbol(m.symbol)
  const specs: StreamSpec[] = [
    {
      stream: 'trade',
      watch: () => ex.watchTrades(m.symbol),
      toEvents: (v, now) =>
        (v as CcxtTrade[])
          .map((t) => tradeEvent(ctx(now), t, m.contractSize, m.inverse))
          .filter((e) => e !== null),
    },
    {
      stream: 'book',
      watch: () => ex.watchOrderBook(m.symbol, adapterFor(venue).bookLimit),
      toEvents: (v, now) => {
        if (now - m.lastBookEmitMs < opts.bookThrottleMs) return []
        const b = bookEvent(ctx(now), v as CcxtBook, opts.bookDepth, m.contractSize, m.inverse)
        if (!b) return []
        m.lastBookEmitMs = now
        const bid = b.bids[0]
        const ask = b.asks[0]
        if (perp || !bid || !ask) return [b]
        const quote = {
          type: 'quote' as const,
          ...ctx(now),
          exchangeTsMs: b.exchangeTsMs,
          bid: bid[0],
          bidQtyBase: bid[1],
          ask: ask[0],
          askQtyBase: ask[1],
        }
        return [b, quote]
      },
    },
  ]
  if (!perp) return specs
  return [...specs, ...adapterFor(venue).perpStreams(ex, m, ctx)]
}
