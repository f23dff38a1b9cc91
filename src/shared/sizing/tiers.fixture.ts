import type { MarginTier } from './tiers'

/**
 * Test fixtures: brackets read by hand from ../shared/data/leverage-tiers/binance_leverage_tiers.json
 * (Binance `/fapi/v1/leverageBracket` via ccxt, 2024-10-24): [floor, cap, maintMarginRatio, initialLeverage, cum].
 * Written out rather than loaded so a test of the formulas does not depend on the snapshot builder.
 */
function rows(r: [number, number, number, number, number][]): MarginTier[] {
  return r.map(([minNotional, maxNotional, maintenanceMarginRate, maxLeverage, maintenanceAmount], i) => ({
    tier: i + 1,
    minNotional,
    maxNotional,
    maintenanceMarginRate,
    maintenanceAmount,
    maxLeverage,
  }))
}

/** BTC/USDT:USDT, first five of twelve brackets. */
export const BTC_USDT_TIERS = rows([
  [0, 50_000, 0.004, 125, 0],
  [50_000, 600_000, 0.005, 100, 50],
  [600_000, 3_000_000, 0.0065, 75, 950],
  [3_000_000, 12_000_000, 0.01, 50, 11_450],
  [12_000_000, 70_000_000, 0.02, 25, 131_450],
])

/** ETH/USDT:USDT, first three brackets (the same figures as BTC's in this snapshot). */
export const ETH_USDT_TIERS = rows([
  [0, 50_000, 0.004, 125, 0],
  [50_000, 600_000, 0.005, 100, 50],
  [600_000, 3_000_000, 0.0065, 75, 950],
])

/** SOL/USDT:USDT, first three brackets. */
export const SOL_USDT_TIERS = rows([
  [0, 20_000, 0.005, 100, 0],
  [20_000, 100_000, 0.0065, 75, 30],
  [100_000, 800_000, 0.01, 50, 380],
])
