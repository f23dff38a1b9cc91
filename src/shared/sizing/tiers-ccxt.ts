import type { MarginTier } from './tiers'
import { impliedMaintenanceAmount, tierTableProblems } from './tiers'

/**
 * Converts one market's ccxt `fetchLeverageTiers` entries into MarginTiers. ccxt's unified tier lacks the
 * maintenance amount the liquidation formulas need; it lives in the raw `info`: Binance `cum`, Bybit
 * `mmDeduction`. When the raw field is absent or empty the amount is derived from continuity (the venue's
 * published rule), and `derivedAmounts` says so. Throws with the tier and field at fault on bad input.
 */
export function tiersFromCcxt(
  entries: readonly unknown[],
  where: string,
): { tiers: MarginTier[]; derivedAmounts: boolean } {
  const tiers: MarginTier[] = []
  let derivedAmounts = false
  entries.forEach((raw, i) => {
    const at = `${where} tier ${i + 1}`
    if (typeof raw !== 'object' || raw === null) throw new Error(`${at}: not an object`)
    const e = raw as Record<string, unknown>
    const minNotional = num(e.minNotional, `${at}.minNotional`)
    const maxNotional = num(e.maxNotional, `${at}.maxNotional`)
    const rate = num(e.maintenanceMarginRate, `${at}.maintenanceMarginRate`)
    const maxLeverage =
      e.maxLeverage === undefined || e.maxLeverage === null ? null : num(e.maxLeverage, `${at}.maxLeverage`)
    const info = typeof e.info === 'object' && e.info !== null ? (e.info as Record<string, unknown>) : {}
    const rawAmount = info.cum ?? info.mmDeduction
    let amount: number
    if (rawAmount === undefined || rawAmount === null || rawAmount === '') {
      amount = impliedMaintenanceAmount(tiers[i - 1], minNotional, rate)
      derivedAmounts = true
    } else {
      amount = num(rawAmount, `${at}.info.${info.cum !== undefined ? 'cum' : 'mmDeduction'}`)
    }
    const tierNo = e.tier === undefined ? i + 1 : num(e.tier, `${at}.tier`)
    tiers.push({
      tier: tierNo,
      minNotional,
      maxNotional,
      maintenanceMarginRate: rate,
      maintenanceAmount: amount,
      maxLeverage,
    })
  })
  const problems = tierTableProblems(tiers)
  if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`)
  return { tiers, derivedAmounts }
}

/** ccxt gives numbers; raw `info` gives decimal strings. Anything else is an error naming the field. */
function num(v: unknown, field: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'number' ? v : Number.NaN
  if (!Number.isFinite(n)) throw new Error(`${field}: expected a number, got ${JSON.stringify(v)}`)
  return n
}
