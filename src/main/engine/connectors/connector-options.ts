import type { BackoffOptions } from './backoff'
import { DEFAULT_BACKOFF } from './backoff'
import type { PageProgress } from './paginate'
import type { RestBudgetOptions } from './rest-budget'
import { DEFAULT_REST_BUDGET } from './rest-budget'
import type { BaseUrlOverride, ConnectorVenue } from './url-override'

export interface BackfillOptions {
  /** Settled funding history wanted (90 d gives the radar its funding percentiles). */
  fundingDays: number
  /** OI, long/short, taker volume and candle history wanted (Binance keeps 30 d of /futures/data). */
  historyDays: number
  /** Upper bound of requests per series, so a venue that ignores time bounds cannot loop forever. */
  maxPages: number
  /** 1-minute klines wanted where the venue's history candles are coarser (24 h: volatility, 24 h change, VPIN). */
  klineMinutes: number
  /** Recent trades wanted over REST (Binance aggTrades; Bybit and OKX give their newest page only). */
  tradeMinutes: number
  /** Upper bound of recent-trade requests per perp (1,000 trades each), within the venue's REST budget. */
  maxTradePages: number
  /**
   * Longest a perp's live events wait for its seed history: the history goes first so time-ordered state
   * (price bars, VPIN, the liquidation map) is built oldest first; past this the live events flow regardless.
   */
  holdLiveMs: number
}

export interface ConnectorOptions {
  override: BaseUrlOverride
  /** Levels per side in each BookEvent. */
  bookDepth: number
  /** At most one BookEvent (and spot QuoteEvent) per market per this many ms. */
  bookThrottleMs: number
  /** A connection with no frame for this long is treated as dead and reopened. */
  watchdogMs: number
  /**
   * A book with no update for this long while its connection still delivers other streams is resubscribed
   * (a venue that stops one stream of a live connection). Longer than watchdogMs: a quiet market's book
   * may rest for a while, and a resubscription costs a fresh snapshot.
   */
  bookSilenceMs: number
  backoff: BackoffOptions
  pollMs: { openInterest: number; longShort: number }
  /** false = no history requests (live only). */
  backfill: BackfillOptions | false
  restBudget: RestBudgetOptions
  log: (line: string) => void
  onProgress: (venue: ConnectorVenue, p: PageProgress) => void
}

export const DEFAULT_CONNECTOR_OPTIONS: ConnectorOptions = {
  override: {},
  bookDepth: 20,
  bookThrottleMs: 250,
  watchdogMs: 30_000,
  bookSilenceMs: 60_000,
  backoff: DEFAULT_BACKOFF,
  pollMs: { openInterest: 30_000, longShort: 300_000 },
  backfill: {
    fundingDays: 90,
    historyDays: 30,
    maxPages: 40,
    klineMinutes: 1440,
    tradeMinutes: 60,
    // Binance weighs an aggTrades request 20 of its 2,400 a minute: ccxt spaces them a second apart. The
    // 1-minute klines reach the present, so the trades only refine the last minutes.
    maxTradePages: 5,
    holdLiveMs: 30_000,
  },
  restBudget: DEFAULT_REST_BUDGET,
  log: () => {},
  onProgress: () => {},
}
