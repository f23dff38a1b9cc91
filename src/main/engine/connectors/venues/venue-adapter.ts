import type { Exchange } from 'ccxt'
import type { MarketEvent } from '../../../../shared/market-event'
import type { CcxtTrade } from '../normalize'
import type { BackfillOptions } from '../connector-options'
import type { HistoryDeps } from '../history-deps'
import type { StreamSpec, WatchedMarket } from '../market-streams'
import type { OkxBookVerifier } from '../okx-book-verifier'
import type { RestBudget } from '../rest-budget'
import type { ConnectorVenue } from '../url-override'
import type { UniverseFetchCtx, VenueUniverse } from '../universe/universe-fetch'

/** Venue, symbol and receive time of the events a stream emits. */
export type StreamCtx = (receiveTsMs: number) => {
  venue: ConnectorVenue
  symbol: string
  receiveTsMs: number
}

/**
 * What differs between venues, in one module per venue (`venues/<venue>.ts`): the streams beyond trades and
 * books, funding intervals, pollers, history and book verification. The connector code is the same for all.
 */
export interface VenueAdapter {
  venue: ConnectorVenue
  /** Book depth to subscribe (venues that stream fixed depths); undefined = ccxt's default. */
  bookLimit?: number
  /** Candle time frame the history backfill pages, and its length in seconds. */
  candleTimeframe: [string, number]
  /** Funding history rows per request (each venue's maximum). */
  fundingPageSize: number
  /**
   * The request parameters that end a funding-history page at `endMs` (inclusive), where ccxt's `until` does
   * not reach the venue's own parameter; absent: `{ until: endMs }`.
   */
  fundingPageEnd?(endMs: number): Record<string, unknown>
  /** Per perp: mark, funding, open interest and liquidation streams. */
  perpStreams(ex: Exchange, m: WatchedMarket, ctx: StreamCtx): StreamSpec[]
  /** Streams that cover every watched market at once (Binance's all-market liquidations). */
  venueStreams?(ex: Exchange, watched: Map<string, WatchedMarket>): StreamSpec[]
  /** Funding interval per perp symbol, hours (absent: the venue does not say). */
  fundingIntervals(ex: Exchange, symbols: readonly string[], budget: RestBudget): Promise<Map<string, number>>
  /** Open interest is polled over REST (not streamed) on this venue. */
  pollsOpenInterest: boolean
  /** One round of the long/short poller for a perp. */
  pollLongShort?(d: HistoryDeps, m: WatchedMarket): Promise<MarketEvent[]>
  /**
   * Open-interest history, loaded before the OI poller starts: the scorer keeps OI in time order and drops a
   * row older than the newest it holds, so history landing after a polled value would be lost.
   */
  openInterestHistory?(d: HistoryDeps, m: WatchedMarket, o: BackfillOptions): Promise<void>
  /** History beyond funding, candles and open interest that the warm start loads later (long/short series). */
  extraHistory?(d: HistoryDeps, m: WatchedMarket, o: BackfillOptions): Promise<void>
  /** History the liquidation map is seeded from beside OI and candles (Binance's taker buy/sell volume). */
  seedHistory?(d: HistoryDeps, m: WatchedMarket, o: BackfillOptions): Promise<void>
  /**
   * One page of klines ending at `endMs` (null: the newest) as the venue's raw rows, where they carry more than
   * ccxt's OHLCV keeps: Binance's row has the taker buy volume at index 9. Absent: ccxt's fetchOHLCV.
   */
  klinePage?(d: HistoryDeps, m: WatchedMarket, timeframe: string, endMs: number | null): Promise<unknown[][]>
  /** Names of the adapter's own history series (OI, taker volume, long/short), announced before they load. */
  historyTasks?: string[]
  /** Rows per kline request (each venue's maximum). */
  klinePageSize: number
  /**
   * One page of recent trades older than the oldest held (`oldest`, null: the newest page), oldest first.
   * Absent: ccxt's fetchTrades gives the newest page only (Bybit's public trades reach back 1,000 trades).
   */
  tradePage?(d: HistoryDeps, m: WatchedMarket, oldest: CcxtTrade | null): Promise<CcxtTrade[]>
  /** Every linear perp from the venue's all-symbol endpoints (the radar's tier 1); absent: no linear perps. */
  fetchUniverse?(c: UniverseFetchCtx): Promise<VenueUniverse>
  /** Verifies books frame by frame where ccxt does not (OKX's checksum). */
  bookVerifier?(): OkxBookVerifier
}
