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
  backfill: { fundingDays: 90, historyDays: 30, maxPages: 40 },
  restBudget: DEFAULT_REST_BUDGET,
  log: () => {},
  onProgress: () => {},
}
