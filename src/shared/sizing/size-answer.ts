import type { PositionSide } from '../market-event'
import type { PriceDistance } from './carry'
import type { SizingVenue } from './liquidation-for-leverage'
import type { RiskAdjustedSize } from './risk-adjusted'
import type { LossAtStop, RiskSizing } from './risk-sizing'
import type { FieldError } from './size-request'
import type { MarginTier } from './tiers'
import type { MarketLot } from './market-lot'

/** Where a market's tiers came from: the UI dates offline figures with `date`. */
export interface TiersSource {
  kind: 'snapshot' | 'cache' | 'request'
  /** UTC date (YYYY-MM-DD) the tiers were fetched; null for user-given rates. */
  date: string | null
  description: string
}

/** One market's tiers and contract facts as the calculator needs them; provided by the engine. */
export interface SizingMarket {
  symbol: string
  settle: string
  /** Base units per contract. */
  contractSize: number
  tiers: MarginTier[]
  source: TiersSource
  /** Quantity step, minimum and tick where the source lists them; null when unknown. */
  lot: MarketLot | null
  /** Where the lot comes from and its date; null without a lot. */
  lotSource: string | null
}

/** Resolves a market's tiers (bundled snapshot, disk cache, ...). null when the venue/symbol is unknown. */
export type SizingMarketLookup = (venue: SizingVenue, symbol: string) => SizingMarket | null

export type WarningSeverity = 'danger' | 'caution' | 'info'

export interface SizeWarning {
  code:
    | 'stop-beyond-liquidation'
    | 'stop-near-liquidation'
    | 'margin-below-initial'
    | 'loss-exceeds-risk-budget'
    | 'beyond-last-tier'
    | 'liquidation-tier-differs'
    | 'lot-size-unknown'
    | 'below-minimum-quantity'
    | 'size-capped'
    | 'fee-rate-default'
    | 'other-positions-ignored'
    | 'formula-derived'
    | 'no-liquidation-price'
  severity: WarningSeverity
  message: string
}

/** A figure that could not be computed stays null beside a reason. */
export interface Reasoned<T> {
  value: T | null
  reason: string | null
}

/** The `radar size --json` answer (and what the calculator panel shows). Money is in `settleCurrency`. */
export interface SizeAnswer {
  venue: SizingVenue
  /** The formula behind liquidationPrice, stated beside the number. */
  liquidationFormula: string
  marginMode: 'isolated' | 'cross'
  symbol: string
  side: PositionSide
  settleCurrency: string
  entryPrice: number
  stopPrice: number | null
  /** Base units, rounded to the lot when the lot is known. */
  quantity: number
  /** The lot the quantity is rounded to: the request's `lotSize`, else the market's; null = not rounded. */
  lot: { step: number; min: number | null; tick: number | null; source: string } | null
  quantityContracts: number
  contractSize: number
  notional: number
  leverage: number | null
  /** notional / leverage; null without leverage. */
  initialMargin: number | null
  /** Isolated: the margin behind the position. Cross: the wallet balance. */
  marginBalance: number
  /** The tier the entry notional falls in. */
  tier: MarginTier | null
  liquidationPrice: number | null
  liquidationPriceReason: string | null
  /** The tier in force at the liquidation price, whose rate and amount the price uses. */
  liquidationTier: MarginTier | null
  /** The price with the entry tier alone (what a calculator that does not re-tier shows). */
  liquidationPriceWithEntryTier: number | null
  maintenanceMarginRate: number | null
  maintenanceAmount: number | null
  /** Maintenance margin of the position at entry. */
  maintenanceMarginAtEntry: number | null
  /** Present when the size came from a risk budget. */
  sizing: RiskSizing | null
  riskBudget: number | null
  lossAtStop: number | null
  lossAtStopDetail: LossAtStop | null
  feeRate: number
  feeRateSource: string
  funding: Reasoned<{
    ratePerPeriod: number
    intervalHours: number
    holdingHours: number
    periods: number
    cost: number
  }>
  stopDistance: PriceDistance | null
  liquidationDistance: PriceDistance | null
  riskAdjusted: RiskAdjustedSize
  /** Liquidation clusters between entry and stop / liquidation: needs the heatmap model (not yet available). */
  liquidationClusters: Reasoned<never>
  tiersSource: TiersSource
  warnings: SizeWarning[]
  errors: FieldError[]
}

/** The answer to a request that could not be computed: errors and no numbers. */
export interface SizeErrorAnswer {
  warnings: SizeWarning[]
  errors: FieldError[]
}
