import type { PositionSide } from '../market-event'
import type { LiquidationResult } from './liquidation'
import { isPositivePrice, sideSign } from './liquidation'
import type { MarginTier } from './tiers'
import { findTier, maintenanceMargin } from './tiers'

/**
 * Bybit USDT contract, isolated margin (Bybit help centre "Liquidation Price (USDT Contract)"):
 *
 *   LP(long)  = EP − (IM − MM) / Q − extra margin / Q
 *   LP(short) = EP + (IM − MM) / Q + extra margin / Q
 *   IM = Q × EP / leverage,  MM = Q × EP × MMR − mmDeduction  (tier by the position value at entry)
 *
 * With the position margin M = IM + extra margin this is LP = EP ∓ (M − MM) / Q. Unlike Binance, Bybit
 * values MM at the entry value, so no re-tiering at the liquidation price. Bybit notes the real figure can
 * differ slightly by the estimated fee to close, which is left out (as in Bybit's own worked example).
 */
export interface BybitIsolatedInput {
  side: PositionSide
  quantityBase: number
  entryPrice: number
  /** Initial margin plus any extra margin added, in the settle currency. */
  positionMarginUsd: number
  tiers: readonly MarginTier[]
}

export function bybitIsolatedLiquidation(input: BybitIsolatedInput): LiquidationResult {
  const entryNotional = input.quantityBase * input.entryPrice
  const tier = findTier(input.tiers, entryNotional)
  if (!tier) {
    return {
      liquidationPrice: null,
      reason: `position value ${entryNotional} is above the largest risk limit`,
      tierAtLiquidation: null,
      tierAtEntry: null,
      priceWithEntryTier: null,
      liquidatedAtEntry: false,
      beyondLastTier: true,
    }
  }
  const price = bybitIsolatedPriceWithTier(
    input.side,
    input.quantityBase,
    input.entryPrice,
    input.positionMarginUsd,
    tier,
  )
  const s = sideSign(input.side)
  const positive = isPositivePrice(price, input.entryPrice)
  return {
    liquidationPrice: positive ? price : null,
    reason: positive
      ? null
      : 'no positive liquidation price: the position margin covers a fall of the price to zero',
    tierAtLiquidation: tier,
    tierAtEntry: tier,
    priceWithEntryTier: positive ? price : null,
    liquidatedAtEntry: positive && s * (price - input.entryPrice) >= 0,
    beyondLastTier: false,
  }
}

/** The closed form above for one tier; may be ≤ 0. */
export function bybitIsolatedPriceWithTier(
  side: PositionSide,
  quantityBase: number,
  entryPrice: number,
  positionMarginUsd: number,
  tier: MarginTier,
): number {
  const mm = maintenanceMargin(tier, quantityBase * entryPrice)
  return entryPrice - (sideSign(side) * (positionMarginUsd - mm)) / quantityBase
}
