import type { PositionSide } from '../market-event'
import { sideSign } from './liquidation'

/**
 * Funding paid over a holding time at the current rate. Longs pay shorts when the rate is positive; the
 * payment per period is notional × rate (both venues charge on the position value). The count of periods is
 * holdingHours / intervalHours, the expected number of funding times crossed when the entry time within the
 * period is unknown; the real count is that rounded down or up. Positive = paid, negative = received.
 */
export interface FundingCostInput {
  side: PositionSide
  notionalUsd: number
  fundingRatePerPeriod: number
  /** The market's own interval (Binance and Bybit run 1, 2, 4 or 8 h depending on the market). */
  fundingIntervalHours: number
  holdingHours: number
}

export interface FundingCost {
  periods: number
  costUsd: number
}

export function fundingCost(input: FundingCostInput): FundingCost {
  const periods = input.holdingHours / input.fundingIntervalHours
  return { periods, costUsd: sideSign(input.side) * input.notionalUsd * input.fundingRatePerPeriod * periods }
}

export interface PriceDistance {
  price: number
  /** |entry − price| in the quote currency. */
  absolute: number
  /** As a percent of the entry price. */
  percent: number
  /** In multiples of the given ATR; null when no ATR was given. */
  atrMultiple: number | null
}

export function priceDistance(entryPrice: number, price: number, atr: number | null): PriceDistance {
  const absolute = Math.abs(entryPrice - price)
  return {
    price,
    absolute,
    percent: (absolute / entryPrice) * 100,
    atrMultiple: atr === null ? null : absolute / atr,
  }
}
