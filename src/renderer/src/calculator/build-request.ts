import type { FieldError } from '../../../shared/sizing/size-request'
import type { CalculatorForm } from './calculator-form-state'
import { parseDecimal } from './parse-decimal'

export interface BuiltRequest {
  request: Record<string, unknown>
  /** Inputs that are not numbers at all, reported before the request schema sees them. */
  errors: FieldError[]
}

/**
 * Turns the form into a `radar size` request. Blank optional fields are left out (never sent as 0); text
 * that is not a number is an error naming the field (a comma decimal is read or refused, see parseDecimal).
 * Percent inputs become the request's fractions.
 */
export function buildSizeRequest(
  f: CalculatorForm,
  riskLevel: 'low' | 'medium' | 'high' | null,
): BuiltRequest {
  const errors: FieldError[] = []
  const num = (raw: string, field: string): number | undefined => {
    const r = parseDecimal(raw)
    if (!r.ok) errors.push({ field, message: r.message })
    return r.ok ? r.value : undefined
  }
  const pctToFraction = (raw: string, field: string): number | undefined => {
    const v = num(raw, field)
    return v === undefined ? undefined : v / 100
  }
  const equity = num(f.equity, 'walletBalance')
  const risk = num(f.risk, f.riskMode === 'percent' ? 'position.riskPercent' : 'position.riskUsd')
  const position: Record<string, unknown> = {
    symbol: f.symbol,
    side: f.side,
    entryPrice: num(f.entry, 'position.entryPrice'),
    stopPrice: num(f.stop, 'position.stopPrice'),
    leverage: num(f.leverage, 'position.leverage'),
    [f.riskMode === 'percent' ? 'riskPercent' : 'riskUsd']: risk,
  }
  const request: Record<string, unknown> = {
    venue: f.venue,
    marginMode: f.marginMode,
    position,
    feeRate: pctToFraction(f.fillAs === 'maker' ? f.makerFeePct : f.feePct, 'feeRate'),
    lotSize: num(f.lotSize, 'lotSize'),
    atr: num(f.atr, 'atr'),
    holdingHours: num(f.holdingHours, 'holdingHours'),
    fundingRatePerPeriod: pctToFraction(f.fundingRatePct, 'fundingRatePerPeriod'),
    fundingIntervalHours: num(f.fundingIntervalHours, 'fundingIntervalHours'),
    riskLevel,
    acceptCappedSize: f.acceptCap || undefined,
  }
  if (f.marginMode === 'cross') request.walletBalance = equity
  else {
    request.accountEquity = equity
    request.walletBalance = num(f.isolatedMargin, 'walletBalance')
  }
  if (f.marginMode === 'cross' && f.others.length > 0)
    request.otherPositions = f.others.map((o, i) => ({
      symbol: o.symbol,
      side: o.side,
      quantity: num(o.quantity, `otherPositions[${i}].quantity`),
      entryPrice: num(o.entryPrice, `otherPositions[${i}].entryPrice`),
      markPrice: num(o.markPrice, `otherPositions[${i}].markPrice`),
    }))
  if (request.fundingRatePerPeriod === undefined) delete request.fundingIntervalHours
  return { request: stripUndefined(request) as Record<string, unknown>, errors }
}

function stripUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripUndefined)
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, stripUndefined(x)]),
    )
  return v
}
