import { describe, expect, it } from 'vitest'
import type { MarginTier } from '../sizing/tiers'
import { BTC_USDT_TIERS } from '../sizing/tiers.fixture'
import { resolveHeatmapConfig } from './heatmap-config'
import { GROUP_HIGH, GROUP_LOW, levelLiquidationPrice, planLeverage } from './leverage-plan'

/** OP/USDT:USDT brackets 1–2, read by hand from ../shared/data/leverage-tiers (2024-10-24). */
const OP_TIERS: MarginTier[] = [
  {
    tier: 1,
    minNotional: 0,
    maxNotional: 10_000,
    maintenanceMarginRate: 0.006,
    maintenanceAmount: 0,
    maxLeverage: 75,
  },
  {
    tier: 2,
    minNotional: 10_000,
    maxNotional: 50_000,
    maintenanceMarginRate: 0.01,
    maintenanceAmount: 40,
    maxLeverage: 50,
  },
]

function priceFor(
  tiers: MarginTier[],
  notional: number,
  leverage: number,
  side: 'long' | 'short',
  entry: number,
) {
  const cfg = resolveHeatmapConfig({
    tiers,
    positionNotionalUsd: notional,
    levels: [{ leverage, weight: 1 }],
  })
  const plan = planLeverage(cfg)
  return { price: levelLiquidationPrice(plan, plan.levels[0]!, side, entry, cfg), plan }
}

// Isolated, margin = N / L, Q = N / E. Binance: LP = (N/L + cum − s·Q·E) / (Q·mmr − s·Q), which reduces to
// long  E × (1 − 1/L − cum/N) / (1 − mmr),  short  E × (1 + 1/L + cum/N) / (1 + mmr).
describe('liquidation prices of the assumed positions, from the real tiers', () => {
  it('BTC bracket 1 (5,000 USDT: mmr 0.4 %, cum 0), 10x at 60,000', () => {
    // long 60,000 × 0.9 / 0.996 = 54,216.867; short 60,000 × 1.1 / 1.004 = 65,737.052
    expect(priceFor(BTC_USDT_TIERS, 5_000, 10, 'long', 60_000).price).toBeCloseTo(54_216.867, 2)
    expect(priceFor(BTC_USDT_TIERS, 5_000, 10, 'short', 60_000).price).toBeCloseTo(65_737.052, 2)
  })

  it('BTC bracket 2 (100,000 USDT: mmr 0.5 %, cum 50), 25x long at 60,000', () => {
    // 60,000 × (1 − 0.04 − 50/100,000) / 0.995 = 60,000 × 0.9595 / 0.995 = 57,859.296
    const { price, plan } = priceFor(BTC_USDT_TIERS, 100_000, 25, 'long', 60_000)
    expect(plan.tier.tier).toBe(2)
    expect(price).toBeCloseTo(57_859.296, 2)
  })

  it('BTC bracket 3 (1,000,000 USDT: mmr 0.65 %, cum 950), 50x short at 60,000', () => {
    // 60,000 × (1 + 0.02 + 950/1,000,000) / 1.0065 = 60,000 × 1.02095 / 1.0065 = 60,861.401
    expect(priceFor(BTC_USDT_TIERS, 1_000_000, 50, 'short', 60_000).price).toBeCloseTo(60_861.401, 2)
  })

  it('OP bracket 2 (20,000 USDT: mmr 1 %, cum 40), 50x short at 2.5', () => {
    // 2.5 × (1 + 0.02 + 40/20,000) / 1.01 = 2.5 × 1.022 / 1.01 = 2.529703
    expect(priceFor(OP_TIERS, 20_000, 50, 'short', 2.5).price).toBeCloseTo(2.529703, 6)
  })

  it('places a leverage the tier does not allow at the tier cap and says so (OP 100x → 75x)', () => {
    // 2.5 × (1 − 1/75) / 0.994 = 2.5 × 0.9866667 / 0.994 = 2.481556
    const { price, plan } = priceFor(OP_TIERS, 5_000, 100, 'long', 2.5)
    expect(plan.levels[0]!.effectiveLeverage).toBe(75)
    expect(price).toBeCloseTo(2.481556, 6)
    expect(plan.notes.join(' ')).toContain('100x is not allowed')
  })

  it('groups 25x and above as high leverage, below as low', () => {
    const levels = [5, 10, 20, 25, 50, 100].map((leverage) => ({ leverage, weight: 1 / 6 }))
    const plan = planLeverage(resolveHeatmapConfig({ tiers: BTC_USDT_TIERS, levels }))
    expect(plan.levels.map((l) => [l.leverage, l.group])).toEqual([
      [5, GROUP_LOW],
      [10, GROUP_LOW],
      [20, GROUP_LOW],
      [25, GROUP_HIGH],
      [50, GROUP_HIGH],
      [100, GROUP_HIGH],
    ])
  })

  it('rejects weights that do not sum to 1 and a broken tier table, naming the field', () => {
    expect(() =>
      resolveHeatmapConfig({ tiers: BTC_USDT_TIERS, levels: [{ leverage: 10, weight: 0.5 }] }),
    ).toThrow(/weights sum to 0.5/)
    expect(() => resolveHeatmapConfig({ tiers: [] })).toThrow(/tiers: no tiers/)
  })
})
