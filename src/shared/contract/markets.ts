import { z } from 'zod'
import type { MarketLot } from '../sizing/market-lot'

export interface LeverageTier {
  tier: number
  minNotional: number
  /** null = no cap. */
  maxNotional: number | null
  maintenanceMarginRate: number
  /** Maintenance amount (Binance `cum`), USD. */
  maintenanceAmount: number
  maxLeverage: number | null
}

export interface LeverageTiersView {
  venue: string
  symbol: string
  tiers: LeverageTier[]
  /** Date of the data (a bundled snapshot is dated, a fresh fetch is today). */
  asOf: string
  source: string
  /** The market's quantity step, minimum and price tick (base units / quote), where the source lists them. */
  lot: MarketLot | null
  /** Where the lot comes from and when; null without a lot. */
  lotSource: string | null
}

/** Whether one venue's REST API answered a light request, and if not, why. */
export interface VenueProbe {
  venue: string
  reachable: boolean
  reason: string | null
  elapsedMs: number
}

export const marketRequests = {
  getLeverageTiers: z
    .object({ venue: z.string().min(1).max(40), symbol: z.string().min(1).max(64) })
    .strict(),
  /** Markets the radar knows (for the watchlist search). */
  searchMarkets: z.object({ query: z.string().max(64) }).strict(),
  startLive: z.undefined(),
  /** Stops live data (or a replay): the engine is left with no source. */
  stopLive: z.undefined(),
  /** Asks each venue of the live plan whether it answers (what launch does before going live). */
  probeVenues: z.undefined(),
} as const
