import { roundDownToLot } from './risk-sizing'

/** The market's composite risk level from scoring; null while it is not known. */
export type RiskLevel = 'low' | 'medium' | 'high'

/** At medium risk the position is halved: a product rule, chosen to keep the stop where it is. */
export const MEDIUM_RISK_SIZE_FACTOR = 0.5

export interface RiskAdjustedInput {
  riskLevel: RiskLevel | null
  quantityBase: number
  entryPrice: number
  leverage: number | null
  riskBudgetUsd: number | null
  feeRate: number
  lotSizeBase: number | null
}

export interface RiskAdjustedSize {
  riskLevel: RiskLevel | null
  /** null when the rule cannot be applied (reason says why); never a made-up size. */
  quantityBase: number | null
  /** Adjusted / base quantity. */
  factor: number | null
  reason: string
}

/**
 * "Treat leverage as a multiplier on risk, not on size":
 * - low: the full size.
 * - medium: half the size (MEDIUM_RISK_SIZE_FACTOR), same stop: half the loss at the stop.
 * - high: at most the size whose FULL liquidation costs no more than the risk budget. A liquidated isolated
 *   position loses its whole margin (notional / leverage) plus the entry fee, so per base unit
 *   EP / leverage + feeRate × EP, and the cap is budget / that. In cross margin a liquidation can take the
 *   whole wallet, so the cap is the size to hold in an isolated position with that margin.
 * - unknown (null): no adjustment can be justified, so no number.
 * The result is rounded down to the lot and never exceeds the base size.
 */
export function riskAdjustedSize(input: RiskAdjustedInput): RiskAdjustedSize {
  const { riskLevel } = input
  const round = (q: number) => (input.lotSizeBase === null ? q : roundDownToLot(q, input.lotSizeBase))
  if (riskLevel === null)
    return {
      riskLevel,
      quantityBase: null,
      factor: null,
      reason: 'composite risk of this market is not known yet: no adjusted size',
    }
  if (riskLevel === 'low')
    return { riskLevel, quantityBase: input.quantityBase, factor: 1, reason: 'low composite risk: full size' }
  if (riskLevel === 'medium') {
    const q = round(input.quantityBase * MEDIUM_RISK_SIZE_FACTOR)
    return {
      riskLevel,
      quantityBase: q,
      factor: q / input.quantityBase,
      reason: `medium composite risk: size × ${MEDIUM_RISK_SIZE_FACTOR}, same stop, half the loss at the stop`,
    }
  }
  if (input.riskBudgetUsd === null)
    return {
      riskLevel,
      quantityBase: null,
      factor: null,
      reason: 'high composite risk: needs a risk budget (riskPercent or riskUsd) to cap the size',
    }
  if (input.leverage === null)
    return {
      riskLevel,
      quantityBase: null,
      factor: null,
      reason: 'high composite risk: needs the leverage to price a full liquidation',
    }
  const liquidationLossPerUnit = input.entryPrice / input.leverage + input.feeRate * input.entryPrice
  const cap = input.riskBudgetUsd / liquidationLossPerUnit
  const q = round(Math.min(input.quantityBase, cap))
  const capped = cap < input.quantityBase
  return {
    riskLevel,
    quantityBase: q,
    factor: q / input.quantityBase,
    reason: capped
      ? `high composite risk: capped so a full liquidation at ${input.leverage}x (margin + entry fee ` +
        `${fmt(q * liquidationLossPerUnit)}) costs at most the risk budget ${fmt(input.riskBudgetUsd)}`
      : `high composite risk: a full liquidation of this size already costs at most the risk budget ${fmt(input.riskBudgetUsd)}`,
  }
}

function fmt(usd: number): string {
  return usd.toFixed(2)
}
