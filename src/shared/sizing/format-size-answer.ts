import type { SizeAnswer, SizeErrorAnswer } from './size-answer'

const n = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined
    ? 'n/a'
    : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })

/** A plain-text summary of an answer (the CLI without --json); every number also in the JSON answer. */
export function formatSizeAnswer(a: SizeAnswer | SizeErrorAnswer): string {
  if (!('quantity' in a)) return a.errors.map((e) => `error: ${e.field}: ${e.message}\n`).join('')
  const cur = a.settleCurrency
  const lines = [
    `${a.side} ${a.symbol} on ${a.venue}, ${a.marginMode} margin`,
    `  size            ${n(a.quantity, 8)} base (${n(a.quantityContracts, 8)} contracts) = ${n(a.notional)} ${cur} notional`,
    `  initial margin  ${n(a.initialMargin)} ${cur}${a.leverage === null ? '' : ` at ${a.leverage}x`}; tier ${a.tier?.tier ?? 'n/a'}`,
    `  liquidation     ${a.liquidationPrice === null ? `none (${a.liquidationPriceReason})` : n(a.liquidationPrice)}` +
      (a.liquidationDistance ? ` (${n(a.liquidationDistance.percent)} % from entry)` : ''),
    `                  ${a.liquidationFormula}`,
    `  maintenance     rate ${n(a.maintenanceMarginRate, 6)}, amount ${n(a.maintenanceAmount)} ${cur}`,
    `  loss at stop    ${a.lossAtStop === null ? 'n/a (no stop)' : `${n(a.lossAtStop)} ${cur} incl. fees (fee rate ${a.feeRate})`}`,
  ]
  if (a.sizing)
    lines.push(
      `  risk budget     ${n(a.sizing.riskBudgetUsd)} ${cur}; after rounding ${n(a.sizing.riskAfterRoundingUsd)} (${n(a.sizing.roundingRiskChangeUsd)})`,
    )
  lines.push(
    `  funding         ${a.funding.value ? `${n(a.funding.value.cost, 4)} ${cur} over ${a.funding.value.holdingHours} h` : `n/a (${a.funding.reason})`}`,
  )
  lines.push(
    `  risk-adjusted   ${a.riskAdjusted.quantityBase === null ? 'n/a' : n(a.riskAdjusted.quantityBase, 8)}: ${a.riskAdjusted.reason}`,
  )
  lines.push(
    `  tiers           ${a.tiersSource.kind}${a.tiersSource.date ? ` of ${a.tiersSource.date}` : ''}`,
  )
  for (const w of a.warnings) lines.push(`  ${w.severity.padEnd(8)} ${w.message}`)
  return `${lines.join('\n')}\n`
}
