import { describe, expect, it } from 'vitest'
import { liquidationPriceForLeverage } from './liquidation-for-leverage'
import { flatTier, findTier } from './tiers'
import { BTC_USDT_TIERS } from './tiers.fixture'

describe('liquidationPriceForLeverage (for the heatmap model)', () => {
  it('Binance: a 100x long of 60,000 USDT at 60,000 in bracket 2', () => {
    // Q = 1, margin 600: (600 + 50 − 60,000) / (0.005 − 1) = −59,350 / −0.995 = 59,648.24
    const tier = findTier(BTC_USDT_TIERS, 60_000)!
    const lp = liquidationPriceForLeverage({
      side: 'long',
      entryPrice: 60_000,
      leverage: 100,
      notionalUsd: 60_000,
      tier,
    })
    expect(lp).toBeCloseTo(59_648.241, 2)
  })

  it('Binance FAQ figures in isolated form: 1,000 USDT at 50,000, 2x, MMR 0.4 %', () => {
    // Q = 0.02, margin 500: (500 − 1,000) / (0.02 × 0.004 − 0.02) = 25,100.40 (the FAQ's cross example,
    // whose whole wallet of 500 backs the single position)
    const lp = liquidationPriceForLeverage({
      side: 'long',
      entryPrice: 50_000,
      leverage: 2,
      notionalUsd: 1_000,
      tier: flatTier(0.004, 0),
    })
    expect(lp).toBeCloseTo(25_100.4, 2)
  })

  it('keeps the given tier (no re-tiering): a 5x short of 45,000 USDT in bracket 1', () => {
    // (9,000 + 45,000) / (0.004 + 1) = 53,784.86 even though that notional lies in bracket 2
    const lp = liquidationPriceForLeverage({
      side: 'short',
      entryPrice: 45_000,
      leverage: 5,
      notionalUsd: 45_000,
      tier: BTC_USDT_TIERS[0]!,
    })
    expect(lp).toBeCloseTo(53_784.861, 2)
  })

  it('Bybit: 1 BTC long at 20,000, 50x, MMR 0.5 % -> 19,700', () => {
    const lp = liquidationPriceForLeverage({
      side: 'long',
      entryPrice: 20_000,
      leverage: 50,
      notionalUsd: 20_000,
      tier: flatTier(0.005, 0),
      venue: 'bybit',
    })
    expect(lp).toBeCloseTo(19_700, 6)
  })

  it('a 1x long has none (null, not 0 or negative)', () => {
    for (const notional of [1_000, 50_000, 1_000_000]) {
      const tier = findTier(BTC_USDT_TIERS, notional)!
      expect(
        liquidationPriceForLeverage({
          side: 'long',
          entryPrice: 60_000,
          leverage: 1,
          notionalUsd: notional,
          tier,
        }),
      ).toBeNull()
    }
  })
})
