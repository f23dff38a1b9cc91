import type { FieldError } from '../../../shared/sizing/size-request'

/**
 * The calculator's errors in the words of its form: a request path ("position.riskPercent") becomes the
 * label the trader typed into ("Risk per trade"), and raw field names inside a message become words.
 */
const LABELS: Record<string, string> = {
  accountEquity: 'Account equity',
  entryPrice: 'Entry price',
  stopPrice: 'Stop price',
  leverage: 'Leverage',
  riskPercent: 'Risk per trade',
  riskUsd: 'Risk per trade',
  quantity: 'Size',
  symbol: 'Market',
  markPrice: 'Mark price',
  feeRate: 'Fee',
  lotSize: 'Lot size',
  atr: 'ATR',
  holdingHours: 'Holding time',
  fundingRatePerPeriod: 'Funding % / period',
  fundingIntervalHours: 'Funding interval',
  maintenanceMarginRate: 'Maintenance margin rate',
  maintenanceAmount: 'Maintenance amount',
  '(request)': 'Request',
}

function walletLabel(marginMode: 'isolated' | 'cross'): string {
  return marginMode === 'cross' ? 'Wallet balance' : 'Isolated margin'
}

export function fieldLabel(field: string, marginMode: 'isolated' | 'cross'): string {
  const other = field.match(/^otherPositions\[(\d+)\]\.?(.*)$/)
  if (other)
    return `Other position ${Number(other[1]) + 1}${other[2] ? `: ${fieldLabel(other[2], marginMode).toLowerCase()}` : ''}`
  const last = field.split('.').pop() ?? field
  if (last === 'walletBalance') return walletLabel(marginMode)
  return LABELS[last] ?? last
}

/** A message with raw field names ("riskPercent is a percent ≤ 100") in words ("risk per trade is …"). */
export function plainMessage(message: string, marginMode: 'isolated' | 'cross'): string {
  return message.replace(/\b(walletBalance|[a-z]+[A-Z][A-Za-z]*)\b/g, (name) => {
    if (name === 'walletBalance') return walletLabel(marginMode).toLowerCase()
    return LABELS[name]?.toLowerCase() ?? name
  })
}

export function plainError(
  e: FieldError,
  marginMode: 'isolated' | 'cross',
): { label: string; message: string } {
  return { label: fieldLabel(e.field, marginMode), message: plainMessage(e.message, marginMode) }
}
