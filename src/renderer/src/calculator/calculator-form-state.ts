import type { SizingVenue } from '../../../shared/sizing/liquidation-for-leverage'

export interface OtherPositionForm {
  symbol: string
  side: 'long' | 'short'
  quantity: string
  entryPrice: string
  markPrice: string
}

/** Every input as typed (strings), so a half-typed number never turns into 0. */
export interface CalculatorForm {
  venue: SizingVenue
  symbol: string
  marginMode: 'isolated' | 'cross'
  side: 'long' | 'short'
  equity: string
  isolatedMargin: string
  riskMode: 'percent' | 'usd'
  risk: string
  entry: string
  stop: string
  leverage: string
  lotSize: string
  feePct: string
  makerFeePct: string
  /** Which of the two fees the fills pay (taker for market orders and stops). */
  fillAs: 'taker' | 'maker'
  holdingHours: string
  fundingRatePct: string
  fundingIntervalHours: string
  atr: string
  others: OtherPositionForm[]
  /** The trader accepted the capped size when a size is above a venue or equity limit. */
  acceptCap: boolean
}

export { isSizingVenue, SIZING_VENUES } from '../../../shared/sizing/liquidation-for-leverage'
