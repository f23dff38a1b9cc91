/**
 * Position size from a risk budget and a stop. The budget pays for the price move to the stop and both taker
 * fees (entry at EP, exit at the stop price SP), so per base unit the loss at the stop is
 *   |EP − SP| + feeRate × (EP + SP)
 * and the size is budget / that, rounded DOWN to the lot so the rounded position never risks more than
 * the budget. Slippage past the stop is not modelled.
 */
export interface RiskSizingInput {
  riskBudgetUsd: number
  entryPrice: number
  stopPrice: number
  /** Taker fee per side as a fraction of notional (0.0005 = 0.05 %). */
  feeRate: number
  /** Quantity step in base units; null when unknown (the size is then not rounded). */
  lotSizeBase: number | null
}

export interface RiskSizing {
  quantityBase: number
  unroundedQuantityBase: number
  lossPerUnitUsd: number
  riskBudgetUsd: number
  /** Loss at the stop of the rounded quantity, fees included. */
  riskAfterRoundingUsd: number
  /** riskAfterRounding − budget (≤ 0: rounding down only ever lowers the risk). */
  roundingRiskChangeUsd: number
  lotSizeBase: number | null
}

export function lossPerUnitAtStop(entryPrice: number, stopPrice: number, feeRate: number): number {
  return Math.abs(entryPrice - stopPrice) + feeRate * (entryPrice + stopPrice)
}

export function sizeFromRisk(input: RiskSizingInput): RiskSizing {
  const lossPerUnitUsd = lossPerUnitAtStop(input.entryPrice, input.stopPrice, input.feeRate)
  const unrounded = input.riskBudgetUsd / lossPerUnitUsd
  const quantityBase = input.lotSizeBase === null ? unrounded : roundDownToLot(unrounded, input.lotSizeBase)
  const riskAfterRoundingUsd = quantityBase * lossPerUnitUsd
  return {
    quantityBase,
    unroundedQuantityBase: unrounded,
    lossPerUnitUsd,
    riskBudgetUsd: input.riskBudgetUsd,
    riskAfterRoundingUsd,
    roundingRiskChangeUsd: riskAfterRoundingUsd - input.riskBudgetUsd,
    lotSizeBase: input.lotSizeBase,
  }
}

/**
 * Largest multiple of the lot not above q. The 1e-9 lot of slack keeps 0.3 / 0.1 = 2.9999999999999996 from
 * losing a whole lot; the result is snapped to the lot's decimals so 3 × 0.1 prints as 0.3.
 */
export function roundDownToLot(q: number, lot: number): number {
  const steps = Math.floor(q / lot + 1e-9)
  return Number((steps * lot).toFixed(lotDecimals(lot)))
}

function lotDecimals(lot: number): number {
  const text = lot.toExponential()
  const [mantissa, exponent] = text.split('e')
  const mantissaDecimals = (mantissa?.split('.')[1] ?? '').length
  return Math.min(20, Math.max(0, mantissaDecimals - Number(exponent)))
}

export interface LossAtStop {
  priceLossUsd: number
  entryFeeUsd: number
  exitFeeUsd: number
  totalUsd: number
}

/** Loss if the stop fills exactly at its price, with taker fees on entry and exit. */
export function lossAtStop(
  quantityBase: number,
  entryPrice: number,
  stopPrice: number,
  feeRate: number,
): LossAtStop {
  const priceLossUsd = quantityBase * Math.abs(entryPrice - stopPrice)
  const entryFeeUsd = quantityBase * entryPrice * feeRate
  const exitFeeUsd = quantityBase * stopPrice * feeRate
  return { priceLossUsd, entryFeeUsd, exitFeeUsd, totalUsd: priceLossUsd + entryFeeUsd + exitFeeUsd }
}
