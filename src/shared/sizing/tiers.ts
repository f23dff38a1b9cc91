/**
 * Maintenance-margin tiers (Binance "leverage brackets", Bybit "risk limits"). One shape serves both venues:
 * maintenance margin of a position of notional n in tier t is `n × mmr_t − amount_t`, where the amount is
 * Binance's `cum` ("maintenance amount") or Bybit's `mmDeduction`. The amount exists to make the maintenance
 * margin continuous across tier boundaries: amount_n = amount_{n−1} + floor_n × (mmr_n − mmr_{n−1})
 * (Binance FAQ "How to Calculate Liquidation Price of COIN-M Futures Contracts", maintenance amount formula).
 */
export interface MarginTier {
  /** 1-based bracket number as the venue counts it. */
  tier: number
  /** Notional floor in the settle currency (USDT, USDC, ...); the tier holds notionals above it. */
  minNotional: number
  /** Notional cap (inclusive); `Infinity` for a single flat rate given by the user. */
  maxNotional: number
  maintenanceMarginRate: number
  /** Binance `cum` / Bybit `mmDeduction`, in the settle currency. */
  maintenanceAmount: number
  /** The highest leverage the venue allows in this tier; null when unknown (a user-given flat rate). */
  maxLeverage: number | null
}

/**
 * The tier holding a notional. Binance brackets read "0–50,000", "50,000–600,000": a cap is inclusive (a
 * 50,000 USDT position may still use bracket 1's leverage), so a notional n sits in the tier with
 * floor < n ≤ cap, and n = 0 in the first. Maintenance margin is continuous at the caps, so the choice only
 * matters for the leverage limit. Returns null above the last cap.
 */
export function findTier(tiers: readonly MarginTier[], notional: number): MarginTier | null {
  for (const t of tiers) {
    if (notional <= t.maxNotional) return t
  }
  return null
}

/** Maintenance margin (settle currency) of a position of `notional` held in `tier`. */
export function maintenanceMargin(tier: MarginTier, notional: number): number {
  return notional * tier.maintenanceMarginRate - tier.maintenanceAmount
}

/** A single flat tier from a user-given rate and amount (no cap, no known leverage limit). */
export function flatTier(maintenanceMarginRate: number, maintenanceAmount: number): MarginTier {
  return {
    tier: 1,
    minNotional: 0,
    maxNotional: Number.POSITIVE_INFINITY,
    maintenanceMarginRate,
    maintenanceAmount,
    maxLeverage: null,
  }
}

/**
 * Problems that would make the liquidation solver wrong: tiers must start at 0, be contiguous and
 * increasing, with rates in [0, 1). Returns readable problems; empty when the table is usable.
 */
export function tierTableProblems(tiers: readonly MarginTier[]): string[] {
  const problems: string[] = []
  if (tiers.length === 0) return ['no tiers']
  if (tiers[0]?.minNotional !== 0) problems.push(`tier 1 starts at ${tiers[0]?.minNotional}, not 0`)
  tiers.forEach((t, i) => {
    if (!(t.maxNotional > t.minNotional))
      problems.push(`tier ${t.tier}: cap ${t.maxNotional} ≤ floor ${t.minNotional}`)
    if (!(t.maintenanceMarginRate >= 0 && t.maintenanceMarginRate < 1))
      problems.push(`tier ${t.tier}: maintenance margin rate ${t.maintenanceMarginRate} outside [0, 1)`)
    if (!Number.isFinite(t.maintenanceAmount))
      problems.push(`tier ${t.tier}: maintenance amount is not a number`)
    const prev = tiers[i - 1]
    if (prev && prev.maxNotional !== t.minNotional)
      problems.push(
        `tier ${t.tier}: floor ${t.minNotional} does not meet tier ${prev.tier}'s cap ${prev.maxNotional}`,
      )
  })
  return problems
}

/**
 * The maintenance amount implied by continuity from the previous tier (the venue's published rule). Used to
 * check a table and to fill the amount where a source omits it.
 */
export function impliedMaintenanceAmount(prev: MarginTier | undefined, floor: number, rate: number): number {
  if (!prev) return 0
  return prev.maintenanceAmount + floor * (rate - prev.maintenanceMarginRate)
}
