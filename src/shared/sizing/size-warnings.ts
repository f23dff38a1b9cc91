import type { PositionSide } from '../market-event'
import type { LiquidationResult } from './liquidation'
import type { SizeWarning } from './size-answer'

export interface WarningContext {
  side: PositionSide
  marginMode: 'isolated' | 'cross'
  stopPrice: number | null
  liquidation: LiquidationResult
  /** Percent of the liquidation price inside which a stop is too close. */
  bufferPercent: number
  initialMarginUsd: number | null
  marginBalanceUsd: number
  lossAtStopUsd: number | null
  riskBudgetUsd: number | null
  /** The size came from a risk budget but no lot size was known, so it is unrounded. */
  unroundedForLackOfLot: boolean
  /** The quantity is under the market's smallest order: the venue would refuse it. */
  belowMinimumQuantity: { quantity: number; min: number } | null
  feeRateIsDefault: string | null
  otherPositionsIgnored: boolean
  derivedFormula: string | null
}

/** Prices in messages as a trader reads them: cents above 1, six significant digits below. */
function px(v: number | null): string {
  if (v === null) return 'none'
  return Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(6)
}

/**
 * Every warning the calculator panel shows, most dangerous first. A liquidation at or beyond the entry and a
 * leverage above the venue's limit are not warnings: calculateSize refuses to size them (see size-limits).
 */
export function sizeWarnings(c: WarningContext): SizeWarning[] {
  const w: SizeWarning[] = []
  const lp = c.liquidation.liquidationPrice
  if (lp !== null && c.stopPrice !== null) {
    const beyond = c.side === 'long' ? c.stopPrice <= lp : c.stopPrice >= lp
    const gapPercent = (Math.abs(c.stopPrice - lp) / lp) * 100
    if (beyond)
      w.push({
        code: 'stop-beyond-liquidation',
        severity: 'danger',
        message: `the stop ${px(c.stopPrice)} lies beyond the liquidation price ${px(lp)}: the position is liquidated before the stop can fill`,
      })
    else if (gapPercent < c.bufferPercent)
      w.push({
        code: 'stop-near-liquidation',
        severity: 'caution',
        message: `the stop ${px(c.stopPrice)} lies within ${gapPercent.toFixed(2)} % of the liquidation price ${px(lp)} (buffer ${c.bufferPercent} %): a wick or mark/last gap can liquidate first`,
      })
  }
  if (
    c.marginMode === 'isolated' &&
    c.initialMarginUsd !== null &&
    c.marginBalanceUsd < c.initialMarginUsd * (1 - 1e-9)
  )
    w.push({
      code: 'margin-below-initial',
      severity: 'danger',
      message: `the isolated margin ${c.marginBalanceUsd.toFixed(2)} is below the initial margin ${c.initialMarginUsd.toFixed(2)} the leverage requires`,
    })
  if (c.lossAtStopUsd !== null && c.riskBudgetUsd !== null && c.lossAtStopUsd > c.riskBudgetUsd * (1 + 1e-9))
    w.push({
      code: 'loss-exceeds-risk-budget',
      severity: 'caution',
      message: `the loss at the stop ${c.lossAtStopUsd.toFixed(2)} (fees included) exceeds the risk budget ${c.riskBudgetUsd.toFixed(2)}`,
    })
  if (c.liquidation.beyondLastTier)
    w.push({
      code: 'beyond-last-tier',
      severity: 'caution',
      message: 'the liquidation notional lies above the largest tier; its rate was extended',
    })
  if (lp === null && !c.liquidation.liquidatedAtEntry && c.liquidation.reason)
    w.push({ code: 'no-liquidation-price', severity: 'info', message: c.liquidation.reason })
  const { tierAtEntry, tierAtLiquidation, priceWithEntryTier } = c.liquidation
  if (tierAtEntry && tierAtLiquidation && tierAtEntry.tier !== tierAtLiquidation.tier)
    w.push({
      code: 'liquidation-tier-differs',
      severity: 'info',
      message: `the notional at the liquidation price falls in tier ${tierAtLiquidation.tier}, not the entry's tier ${tierAtEntry.tier}; the price uses tier ${tierAtLiquidation.tier} (tier ${tierAtEntry.tier} alone would give ${px(priceWithEntryTier)})`,
    })
  if (c.unroundedForLackOfLot)
    w.push({
      code: 'lot-size-unknown',
      severity: 'caution',
      message: 'lot size unknown (give lotSize): the quantity is not rounded to what the venue accepts',
    })
  if (c.belowMinimumQuantity)
    w.push({
      code: 'below-minimum-quantity',
      severity: 'danger',
      message: `quantity ${c.belowMinimumQuantity.quantity} is below the market's minimum order of ${c.belowMinimumQuantity.min}: the venue would refuse it`,
    })
  if (c.feeRateIsDefault)
    w.push({
      code: 'fee-rate-default',
      severity: 'info',
      message: `feeRate not given: ${c.feeRateIsDefault}`,
    })
  if (c.otherPositionsIgnored)
    w.push({
      code: 'other-positions-ignored',
      severity: 'info',
      message: 'otherPositions do not affect an isolated position and were not used',
    })
  if (c.derivedFormula) w.push({ code: 'formula-derived', severity: 'info', message: c.derivedFormula })
  return w
}
