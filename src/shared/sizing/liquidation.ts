import type { PositionSide } from '../market-event'
import type { MarginTier } from './tiers'
import { findTier } from './tiers'

/**
 * Binance USDⓈ-M liquidation price, one-way mode (Binance FAQ "How to Calculate Liquidation Price of
 * USDⓈ-M Futures Contracts"):
 *
 *   LP = (WB − TMM1 + UPNL1 + cumB − side × Q × EP) / (Q × MMR_B − side × Q)
 *
 * WB wallet balance (cross wallet, or the isolated wallet of the position), TMM1 / UPNL1 maintenance margin
 * and unrealized PnL of every other position (0 in isolated mode), cumB the maintenance amount, side +1 long
 * −1 short, Q the absolute size in base units, EP the entry price. It is the price P at which
 *   WB + UPNL1 + side × Q × (P − EP) = TMM1 + (Q × P × MMR − cum),
 * i.e. margin balance = maintenance margin with the position valued at P. The denominator is Q × (MMR ∓ 1),
 * never 0 because MMR < 1. The same balance equation is Bybit's cross-margin trigger (account maintenance
 * margin rate reaching 100 %, with `cum` = `mmDeduction`), so the solver serves both venues in cross mode.
 */
export interface LiquidationEquation {
  side: PositionSide
  quantityBase: number
  entryPrice: number
  /** Cross: the account's wallet balance. Isolated: the margin held by this position. */
  walletBalanceUsd: number
  /** Σ maintenance margin of the account's other positions (cross only; 0 isolated). */
  otherMaintenanceMarginUsd: number
  /** Σ unrealized PnL of the account's other positions at their mark (cross only; 0 isolated). */
  otherUnrealizedPnlUsd: number
}

export function sideSign(side: PositionSide): 1 | -1 {
  return side === 'long' ? 1 : -1
}

/** The formula above with one fixed tier; may be ≤ 0 (no liquidation at a positive price). */
export function liquidationPriceWithTier(eq: LiquidationEquation, tier: MarginTier): number {
  const s = sideSign(eq.side)
  const q = eq.quantityBase
  const numerator =
    eq.walletBalanceUsd -
    eq.otherMaintenanceMarginUsd +
    eq.otherUnrealizedPnlUsd +
    tier.maintenanceAmount -
    s * q * eq.entryPrice
  return numerator / (q * tier.maintenanceMarginRate - s * q)
}

/**
 * A root within a billionth of the entry above zero is floating-point noise around an exact 0 (a 1x long
 * whose margin equals its notional), not a price.
 */
export function isPositivePrice(price: number, entryPrice: number): boolean {
  return Number.isFinite(price) && price > entryPrice * 1e-9
}

export interface LiquidationResult {
  /** null when the position has no liquidation at a positive price; `reason` says why. */
  liquidationPrice: number | null
  reason: string | null
  /** The tier in force at the liquidation price (position notional Q × LP). */
  tierAtLiquidation: MarginTier | null
  /** The tier of the entry notional Q × EP (what the position is opened in). */
  tierAtEntry: MarginTier | null
  /** The formula evaluated with the entry tier alone, as a calculator that does not re-tier shows it. */
  priceWithEntryTier: number | null
  /** The liquidation price lies at or beyond the entry: the margin does not carry the position at all. */
  liquidatedAtEntry: boolean
  /** The liquidation notional lies above the last tier's cap (the last tier was extended to solve). */
  beyondLastTier: boolean
}

/**
 * Tier-consistent liquidation price. The venue values maintenance margin on the position notional at the
 * mark price, so at the liquidation price the tier is the one holding Q × LP, not Q × EP; Binance says so
 * for COIN-M ("if your position calculated at the liquidation price and the current position calculated at
 * the opening price are of different levels, substitute the rate and amount of the level at the liquidation
 * price and recalculate"). Margin balance minus maintenance margin is strictly monotone in P (slope ±Q
 * against Q × MMR < Q) and maintenance margin is continuous across tiers, so exactly one tier gives a
 * price whose notional it holds: try each tier and keep that one. The last tier is extended upwards.
 */
export function solveTieredLiquidation(
  eq: LiquidationEquation,
  tiers: readonly MarginTier[],
): LiquidationResult {
  const tierAtEntry = findTier(tiers, eq.quantityBase * eq.entryPrice)
  const atEntry = tierAtEntry ? liquidationPriceWithTier(eq, tierAtEntry) : Number.NaN
  const priceWithEntryTier = isPositivePrice(atEntry, eq.entryPrice) ? atEntry : null
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i] as MarginTier
    const price = liquidationPriceWithTier(eq, tier)
    if (!isPositivePrice(price, eq.entryPrice)) continue
    const notional = price * eq.quantityBase
    const slack =
      1e-9 * Math.max(1, tier.maxNotional === Number.POSITIVE_INFINITY ? notional : tier.maxNotional)
    const isLast = i === tiers.length - 1
    const aboveFloor = i === 0 || notional >= tier.minNotional - slack
    const belowCap = isLast || notional <= tier.maxNotional + slack
    if (!aboveFloor || !belowCap) continue
    const s = sideSign(eq.side)
    return {
      liquidationPrice: price,
      reason: null,
      tierAtLiquidation: tier,
      tierAtEntry,
      priceWithEntryTier,
      liquidatedAtEntry: s * (price - eq.entryPrice) >= 0,
      beyondLastTier: isLast && notional > tier.maxNotional + slack,
    }
  }
  const reason =
    eq.side === 'long'
      ? 'no positive liquidation price: the margin covers a fall of the price to zero'
      : 'no positive liquidation price: the margin is below the maintenance margin at every price'
  return {
    liquidationPrice: null,
    reason,
    tierAtLiquidation: null,
    tierAtEntry,
    priceWithEntryTier,
    liquidatedAtEntry: eq.side === 'short',
    beyondLastTier: false,
  }
}
