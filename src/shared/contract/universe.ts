import { z } from 'zod'
import type { LiveVenueId } from '../market-event'

/** Figures of a universe row that can be missing, each with the reason a trader reads. */
export type UniverseField = 'price' | 'change24h' | 'funding' | 'oi' | 'volume24h'

/**
 * Tier 1 of the radar: one linear perp as the venue's bulk endpoints describe it (all symbols in a few
 * calls), refreshed at `UniverseView.cadenceSec`. Missing is null with a reason in `missing`, never zero.
 */
export interface UniverseRow {
  /** `venue:symbol`, the same key the scored snapshots use. */
  key: string
  venue: LiveVenueId
  /** Unified ccxt symbol (`BTC/USDT:USDT`). */
  symbol: string
  base: string
  lastPrice: number | null
  markPrice: number | null
  indexPrice: number | null
  /** Last price vs 24 h earlier, as the venue's rolling ticker reports it (a fraction). */
  change24hFraction: number | null
  fundingRatePerPeriod: number | null
  /** The market's own funding interval; null where the venue does not say (then no per-hour or APR). */
  fundingIntervalHours: number | null
  nextFundingTsMs: number | null
  oiUsd: number | null
  /** Quote (USD-like) turnover of the last 24 h. */
  volume24hUsd: number | null
  /** Venue time of the reply (or receive time where the venue stamps none), ms. */
  asOfMs: number
  missing: Partial<Record<UniverseField, string>>
}

export interface UniverseVenueState {
  venue: LiveVenueId
  /** Linear perps the venue lists. */
  markets: number
  refreshedAtMs: number | null
  /** The last refresh's failure, in words; null when it succeeded. */
  error: string | null
  /** How this venue's figures are obtained where it matters (e.g. Binance OI one symbol at a time). */
  note: string | null
}

export interface UniverseView {
  /** Seconds between refreshes. */
  cadenceSec: number
  venues: UniverseVenueState[]
  rows: UniverseRow[]
}

export const universeRequests = {
  getUniverse: z.undefined(),
} as const

export interface UniverseInvokeResponses {
  getUniverse: UniverseView
}

export interface UniverseEventPayloads {
  /** The whole universe after each refresh (one message a cadence, not per market). */
  universe: UniverseView
}
