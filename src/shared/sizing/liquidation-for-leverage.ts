import type { PositionSide } from '../market-event'
import { isPositivePrice, liquidationPriceWithTier } from './liquidation'
import { bybitIsolatedPriceWithTier } from './liquidation-bybit'
import type { MarginTier } from './tiers'

export type SizingVenue = 'binanceusdm' | 'bybit'

/** The venues whose liquidation rules the calculator implements. */
export const SIZING_VENUES: readonly SizingVenue[] = ['binanceusdm', 'bybit']

export function isSizingVenue(v: string): v is SizingVenue {
  return (SIZING_VENUES as readonly string[]).includes(v)
}

export interface LeverageLiquidationInput {
  side: PositionSide
  entryPrice: number
  leverage: number
  /** Position notional at entry, settle currency; the caller picks `tier` for it (e.g. `findTier`). */
  notionalUsd: number
  tier: MarginTier
  /** Which venue's formula; Binance USDⓈ-M by default. */
  venue?: SizingVenue
}

/**
 * Where an isolated position opened at `entryPrice` with `leverage` (margin = notional / leverage) is
 * liquidated, with the given tier held fixed. Built for the liquidation-heatmap model, which asks this for
 * many (entry, leverage, notional) cells: no tier search, no validation (the caller owns its inputs). Null when no positive price exists
 * (e.g. a 1x long). The maintenance amount makes the price depend on the notional, not just on leverage.
 */
export function liquidationPriceForLeverage(input: LeverageLiquidationInput): number | null {
  const quantityBase = input.notionalUsd / input.entryPrice
  const marginUsd = input.notionalUsd / input.leverage
  const price =
    input.venue === 'bybit'
      ? bybitIsolatedPriceWithTier(input.side, quantityBase, input.entryPrice, marginUsd, input.tier)
      : liquidationPriceWithTier(
          {
            side: input.side,
            quantityBase,
            entryPrice: input.entryPrice,
            walletBalanceUsd: marginUsd,
            otherMaintenanceMarginUsd: 0,
            otherUnrealizedPnlUsd: 0,
          },
          input.tier,
        )
  return isPositivePrice(price, input.entryPrice) ? price : null
}
