import { describe, expect, it } from 'vitest'
import type { LiquidationEquation } from './liquidation'
import { liquidationPriceWithTier, solveTieredLiquidation } from './liquidation'
import { bybitIsolatedLiquidation } from './liquidation-bybit'
import { BTC_USDT_TIERS, SOL_USDT_TIERS, ETH_USDT_TIERS } from './tiers.fixture'
import { findTier, flatTier, maintenanceMargin } from './tiers'

const isolated = (e: Omit<LiquidationEquation, 'otherMaintenanceMarginUsd' | 'otherUnrealizedPnlUsd'>) => ({
  ...e,
  otherMaintenanceMarginUsd: 0,
  otherUnrealizedPnlUsd: 0,
})

describe('Binance USDⓈ-M liquidation price (published example)', () => {
  it('FAQ: cross, wallet 500, long 1,000 USDT at 50,000, 20x, MMR 0.4 %, amount 0 -> 25,100.40', () => {
    // Q = 1000 / 50000 = 0.02 BTC. LP = (500 − 0 + 0 + 0 − 1 × 0.02 × 50000) / (0.02 × 0.004 − 1 × 0.02)
    //    = (500 − 1000) / (0.00008 − 0.02) = −500 / −0.01992 = 25,100.4016
    const r = solveTieredLiquidation(
      isolated({ side: 'long', quantityBase: 0.02, entryPrice: 50_000, walletBalanceUsd: 500 }),
      [flatTier(0.004, 0)],
    )
    expect(r.liquidationPrice).toBeCloseTo(25_100.4, 2)
  })
})

describe('Bybit isolated liquidation price (published examples)', () => {
  it('1 BTC long at 20,000, 50x, MMR 0.5 % -> 19,700', () => {
    // IM = 20,000 / 50 = 400; MM = 20,000 × 0.005 − 0 = 100; LP = 20,000 − (400 − 100) / 1 = 19,700
    const r = bybitIsolatedLiquidation({
      side: 'long',
      quantityBase: 1,
      entryPrice: 20_000,
      positionMarginUsd: 400,
      tiers: [flatTier(0.005, 0)],
    })
    expect(r.liquidationPrice).toBeCloseTo(19_700, 6)
  })

  it('the mirrored short: 1 BTC short at 20,000, 50x -> 20,300', () => {
    // LP = 20,000 + (400 − 100) / 1 = 20,300
    const r = bybitIsolatedLiquidation({
      side: 'short',
      quantityBase: 1,
      entryPrice: 20_000,
      positionMarginUsd: 400,
      tiers: [flatTier(0.005, 0)],
    })
    expect(r.liquidationPrice).toBeCloseTo(20_300, 6)
  })

  it('uses the maintenance-margin deduction of the tier', () => {
    // 2 BTC short at 30,000, margin 6,000 (10x), MMR 1 %, deduction 500:
    // MM = 60,000 × 0.01 − 500 = 100; LP = 30,000 + (6,000 − 100) / 2 = 32,950
    const r = bybitIsolatedLiquidation({
      side: 'short',
      quantityBase: 2,
      entryPrice: 30_000,
      positionMarginUsd: 6_000,
      tiers: [{ ...flatTier(0.01, 500) }],
    })
    expect(r.liquidationPrice).toBeCloseTo(32_950, 6)
  })
})

describe('Binance tier boundaries (BTC/USDT:USDT brackets, 2024-10-24)', () => {
  it('a long opened in bracket 2 whose liquidation notional falls into bracket 1 is re-tiered', () => {
    // 1 BTC long at 60,000 (notional 60,000: bracket 2, MMR 0.5 %, cum 50), 5x isolated: WB = 12,000.
    // Bracket 2: (12,000 + 50 − 60,000) / (0.005 − 1) = −47,950 / −0.995 = 48,190.95 -> notional 48,190.95 is
    //   not in (50,000, 600,000], so bracket 2 does not apply there.
    // Bracket 1: (12,000 + 0 − 60,000) / (0.004 − 1) = −48,000 / −0.996 = 48,192.77 -> in [0, 50,000]. ✓
    // Check: balance 12,000 + (48,192.77 − 60,000) = 192.77 = MM 48,192.77 × 0.004 = 192.77.
    const r = solveTieredLiquidation(
      isolated({ side: 'long', quantityBase: 1, entryPrice: 60_000, walletBalanceUsd: 12_000 }),
      BTC_USDT_TIERS,
    )
    expect(r.liquidationPrice).toBeCloseTo(48_192.771, 2)
    expect(r.tierAtLiquidation?.tier).toBe(1)
    expect(r.tierAtEntry?.tier).toBe(2)
    expect(r.priceWithEntryTier).toBeCloseTo(48_190.955, 2)
  })

  it('a long that stays in its bracket is not re-tiered', () => {
    // 1 BTC long at 60,000, 100x isolated: WB = 600. Bracket 2: (600 + 50 − 60,000) / (0.005 − 1)
    //   = −59,350 / −0.995 = 59,648.24 -> notional 59,648 in bracket 2. ✓
    const r = solveTieredLiquidation(
      isolated({ side: 'long', quantityBase: 1, entryPrice: 60_000, walletBalanceUsd: 600 }),
      BTC_USDT_TIERS,
    )
    expect(r.liquidationPrice).toBeCloseTo(59_648.241, 2)
    expect(r.tierAtLiquidation?.tier).toBe(2)
  })

  it('a short opened in bracket 1 whose liquidation notional rises into bracket 2', () => {
    // 1 BTC short at 45,000 (bracket 1), 5x isolated: WB = 9,000.
    // Bracket 1: (9,000 + 45,000) / (0.004 + 1) = 53,784.86 -> notional above 50,000, so not bracket 1.
    // Bracket 2: (9,000 + 50 + 45,000) / (0.005 + 1) = 54,050 / 1.005 = 53,781.09 -> in bracket 2. ✓
    // Check: balance 9,000 − (53,781.09 − 45,000) = 218.91 = MM 53,781.09 × 0.005 − 50 = 218.91.
    const r = solveTieredLiquidation(
      isolated({ side: 'short', quantityBase: 1, entryPrice: 45_000, walletBalanceUsd: 9_000 }),
      BTC_USDT_TIERS,
    )
    expect(r.liquidationPrice).toBeCloseTo(53_781.0945, 3)
    expect(r.tierAtLiquidation?.tier).toBe(2)
    expect(r.priceWithEntryTier).toBeCloseTo(53_784.8606, 3)
  })

  it('a bracket-3 position (600,000–3,000,000) uses cum 950', () => {
    // 20 BTC long at 50,000 = 1,000,000 notional, 20x: WB = 50,000.
    // Bracket 3: (50,000 + 950 − 1,000,000) / (20 × 0.0065 − 20) = −949,050 / −19.87 = 47,762.96
    //   -> notional 955,259 in bracket 3. ✓
    const r = solveTieredLiquidation(
      isolated({ side: 'long', quantityBase: 20, entryPrice: 50_000, walletBalanceUsd: 50_000 }),
      BTC_USDT_TIERS,
    )
    expect(r.liquidationPrice).toBeCloseTo(47_762.959, 2)
    expect(r.tierAtLiquidation?.tier).toBe(3)
  })

  it('finds the bracket by notional with inclusive caps', () => {
    expect(findTier(BTC_USDT_TIERS, 0)?.tier).toBe(1)
    expect(findTier(BTC_USDT_TIERS, 50_000)?.tier).toBe(1)
    expect(findTier(BTC_USDT_TIERS, 50_000.01)?.tier).toBe(2)
    expect(findTier(BTC_USDT_TIERS, 70_000_001)).toBeNull()
    // continuity: at 600,000 bracket 2 gives 600,000 × 0.005 − 50 = 2,950 and bracket 3 gives
    // 600,000 × 0.0065 − 950 = 2,950.
    expect(maintenanceMargin(BTC_USDT_TIERS[1]!, 600_000)).toBeCloseTo(2_950, 9)
    expect(maintenanceMargin(BTC_USDT_TIERS[2]!, 600_000)).toBeCloseTo(2_950, 9)
  })
})

describe('Binance cross margin with two positions', () => {
  it('a BTC long beside a losing SOL short', () => {
    // Other: SOL short 200 at 150, mark 160 -> notional 32,000 (SOL bracket 2: MMR 0.65 %, cum 30)
    //   TMM = 32,000 × 0.0065 − 30 = 178; UPNL = −1 × 200 × (160 − 150) = −2,000.
    // BTC long 0.5 at 60,000, wallet 5,000 (bracket 1):
    //   LP = (5,000 − 178 − 2,000 + 0 − 0.5 × 60,000) / (0.5 × 0.004 − 0.5) = −27,178 / −0.498 = 54,574.30
    // Check: balance 3,000 + 0.5 × (54,574.30 − 60,000) = 287.15 = 178 + 27,287.15 × 0.004 = 287.15.
    const solTier = findTier(SOL_USDT_TIERS, 200 * 160)!
    const r = solveTieredLiquidation(
      {
        side: 'long',
        quantityBase: 0.5,
        entryPrice: 60_000,
        walletBalanceUsd: 5_000,
        otherMaintenanceMarginUsd: maintenanceMargin(solTier, 200 * 160),
        otherUnrealizedPnlUsd: -2_000,
      },
      BTC_USDT_TIERS,
    )
    expect(r.liquidationPrice).toBeCloseTo(54_574.2972, 3)
  })

  it('an ETH short beside a winning BTC long, re-tiered into bracket 2', () => {
    // Other: BTC long 0.1 at 60,000, mark 62,000 -> notional 6,200, MM 6,200 × 0.004 = 24.8, UPNL +200.
    // ETH short 20 at 2,400 (notional 48,000, bracket 1), wallet 3,000:
    //   bracket 1: (3,000 − 24.8 + 200 + 48,000) / (20 × 0.004 + 20) = 51,175.2 / 20.08 = 2,548.5657
    //     -> notional 50,971 > 50,000: not bracket 1;
    //   bracket 2: (3,175.2 + 50 + 48,000) / (20 × 0.005 + 20) = 51,225.2 / 20.1 = 2,548.5174 -> bracket 2. ✓
    const r = solveTieredLiquidation(
      {
        side: 'short',
        quantityBase: 20,
        entryPrice: 2_400,
        walletBalanceUsd: 3_000,
        otherMaintenanceMarginUsd: 24.8,
        otherUnrealizedPnlUsd: 200,
      },
      ETH_USDT_TIERS,
    )
    expect(r.liquidationPrice).toBeCloseTo(2_548.51741, 4)
    expect(r.priceWithEntryTier).toBeCloseTo(2_548.56574, 4)
    expect(r.tierAtLiquidation?.tier).toBe(2)
  })

  it('says when the account cannot carry the position at all', () => {
    // wallet 100, long 1 BTC at 60,000 (notional 60,000: bracket 2), nothing else:
    //   LP = (100 + 50 − 60,000) / (0.005 − 1) = −59,850 / −0.995 = 60,150.75 > entry
    const r = solveTieredLiquidation(
      isolated({ side: 'long', quantityBase: 1, entryPrice: 60_000, walletBalanceUsd: 100 }),
      BTC_USDT_TIERS,
    )
    expect(r.liquidationPrice).toBeCloseTo(60_150.754, 2)
    expect(r.liquidatedAtEntry).toBe(true)
  })
})

describe('liquidation properties (grid)', () => {
  const entries = [100, 2_500, 60_000]
  const notionals = [1_000, 40_000, 250_000, 2_000_000]
  const leverages = [2, 3, 5, 10, 20, 50]

  it('moves toward the entry as leverage rises (isolated, margin = notional / leverage)', () => {
    for (const side of ['long', 'short'] as const)
      for (const entryPrice of entries)
        for (const notional of notionals) {
          let prev: number | null = null
          for (const lev of leverages) {
            const q = notional / entryPrice
            const lp = solveTieredLiquidation(
              isolated({ side, quantityBase: q, entryPrice, walletBalanceUsd: notional / lev }),
              BTC_USDT_TIERS,
            ).liquidationPrice as number
            const distance = Math.abs(entryPrice - lp)
            if (prev !== null)
              expect(distance, `${side} E=${entryPrice} N=${notional} L=${lev}`).toBeLessThan(prev)
            prev = distance
          }
        }
  })

  it('moves toward the entry as size rises on a fixed cross wallet, and away as the wallet grows', () => {
    for (const side of ['long', 'short'] as const)
      for (const entryPrice of entries) {
        const wallet = 10_000
        let prevBySize: number | null = null
        for (const notional of [5_000, 20_000, 60_000, 200_000, 900_000]) {
          const lp = solveTieredLiquidation(
            isolated({ side, quantityBase: notional / entryPrice, entryPrice, walletBalanceUsd: wallet }),
            BTC_USDT_TIERS,
          ).liquidationPrice
          // long 5,000 on 10,000 has no liquidation (margin covers a fall to 0); count it as the farthest
          const distance = lp === null ? Number.POSITIVE_INFINITY : Math.abs(entryPrice - lp)
          if (prevBySize !== null)
            expect(distance, `${side} size ${notional}`).toBeLessThanOrEqual(prevBySize)
          prevBySize = distance
        }
        let prevByWallet: number | null = null
        for (const w of [5_000, 10_000, 20_000, 40_000]) {
          const lp = solveTieredLiquidation(
            isolated({ side, quantityBase: 100_000 / entryPrice, entryPrice, walletBalanceUsd: w }),
            BTC_USDT_TIERS,
          ).liquidationPrice as number
          const distance = Math.abs(entryPrice - lp)
          if (prevByWallet !== null) expect(distance, `${side} wallet ${w}`).toBeGreaterThan(prevByWallet)
          prevByWallet = distance
        }
      }
  })

  it('a 1x isolated long whose margin equals its notional has no positive liquidation price', () => {
    for (const entryPrice of entries)
      for (const notional of [...notionals, 50_000, 600_000, 10_000_000]) {
        const r = solveTieredLiquidation(
          isolated({
            side: 'long',
            quantityBase: notional / entryPrice,
            entryPrice,
            walletBalanceUsd: notional,
          }),
          BTC_USDT_TIERS,
        )
        expect(r.liquidationPrice, `E=${entryPrice} N=${notional}`).toBeNull()
        expect(r.reason).toMatch(/no positive liquidation price/)
      }
  })

  it('Bybit differs: its MM is valued at entry, so a 1x long still liquidates near zero', () => {
    // LP = E − (N − (N × MMR − 0)) / Q = E × MMR: 100 × 0.004 = 0.4 for 1,000 USDT in bracket 1
    const b = bybitIsolatedLiquidation({
      side: 'long',
      quantityBase: 10,
      entryPrice: 100,
      positionMarginUsd: 1_000,
      tiers: BTC_USDT_TIERS,
    })
    expect(b.liquidationPrice).toBeCloseTo(0.4, 9)
  })

  it('the tier-consistent price satisfies balance = maintenance margin at that price', () => {
    // An independent check of the solver against the definition, not against its own formula.
    for (const side of ['long', 'short'] as const)
      for (const notional of notionals)
        for (const lev of leverages) {
          const q = notional / 60_000
          const wb = notional / lev
          const r = solveTieredLiquidation(
            isolated({ side, quantityBase: q, entryPrice: 60_000, walletBalanceUsd: wb }),
            BTC_USDT_TIERS,
          )
          const p = r.liquidationPrice as number
          const balance = wb + (side === 'long' ? 1 : -1) * q * (p - 60_000)
          const mm = maintenanceMargin(findTier(BTC_USDT_TIERS, q * p)!, q * p)
          expect(balance - mm).toBeCloseTo(0, 6)
        }
  })
})

describe('liquidationPriceWithTier', () => {
  it('is the plain formula without re-tiering', () => {
    // bracket 2 forced on a bracket-1 liquidation: (12,000 + 50 − 60,000) / (0.005 − 1) = 48,190.955
    const lp = liquidationPriceWithTier(
      isolated({ side: 'long', quantityBase: 1, entryPrice: 60_000, walletBalanceUsd: 12_000 }),
      BTC_USDT_TIERS[1]!,
    )
    expect(lp).toBeCloseTo(48_190.955, 2)
  })
})
