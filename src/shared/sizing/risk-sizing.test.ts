import { describe, expect, it } from 'vitest'
import { fundingCost, priceDistance } from './carry'
import { lossAtStop, roundDownToLot, sizeFromRisk } from './risk-sizing'

describe('sizeFromRisk', () => {
  it('sizes so the loss at the stop, both taker fees included, fits the budget, rounded down to the lot', () => {
    // per unit: |60,000 − 59,000| + 0.0005 × (60,000 + 59,000) = 1,000 + 59.5 = 1,059.5
    // 100 / 1,059.5 = 0.0943841 -> lot 0.001 -> 0.094; risk 0.094 × 1,059.5 = 99.593; change −0.407
    const s = sizeFromRisk({
      riskBudgetUsd: 100,
      entryPrice: 60_000,
      stopPrice: 59_000,
      feeRate: 0.0005,
      lotSizeBase: 0.001,
    })
    expect(s.lossPerUnitUsd).toBeCloseTo(1_059.5, 9)
    expect(s.unroundedQuantityBase).toBeCloseTo(0.0943841, 6)
    expect(s.quantityBase).toBe(0.094)
    expect(s.riskAfterRoundingUsd).toBeCloseTo(99.593, 6)
    expect(s.roundingRiskChangeUsd).toBeCloseTo(-0.407, 6)
  })

  it('a short without a lot stays unrounded', () => {
    // per unit: |2,000 − 2,100| + 0 = 100; 50 / 100 = 0.5
    const s = sizeFromRisk({
      riskBudgetUsd: 50,
      entryPrice: 2_000,
      stopPrice: 2_100,
      feeRate: 0,
      lotSizeBase: null,
    })
    expect(s.quantityBase).toBe(0.5)
    expect(s.roundingRiskChangeUsd).toBe(0)
  })
})

describe('roundDownToLot', () => {
  it('does not lose a lot to floating point and prints clean decimals', () => {
    expect(roundDownToLot(0.3, 0.1)).toBe(0.3) // 0.3 / 0.1 = 2.9999999999999996 in floating point
    expect(roundDownToLot(0.0949, 0.001)).toBe(0.094)
    expect(roundDownToLot(1234.5, 10)).toBe(1230)
    expect(roundDownToLot(0.00099, 0.001)).toBe(0)
    expect(roundDownToLot(7.77, 0.05)).toBe(7.75)
  })
})

describe('lossAtStop', () => {
  it('adds the entry and exit taker fees to the price loss', () => {
    // 0.094 × 1,000 = 94; entry fee 0.094 × 60,000 × 0.0005 = 2.82; exit 0.094 × 59,000 × 0.0005 = 2.773
    const l = lossAtStop(0.094, 60_000, 59_000, 0.0005)
    expect(l.priceLossUsd).toBeCloseTo(94, 9)
    expect(l.entryFeeUsd).toBeCloseTo(2.82, 9)
    expect(l.exitFeeUsd).toBeCloseTo(2.773, 9)
    expect(l.totalUsd).toBeCloseTo(99.593, 9)
  })
})

describe('fundingCost and priceDistance', () => {
  it('a long pays a positive rate once per interval of the holding time', () => {
    // 5,640 × 0.0001 × (24 / 8 = 3 periods) = 1.692 paid
    expect(
      fundingCost({
        side: 'long',
        notionalUsd: 5_640,
        fundingRatePerPeriod: 0.0001,
        fundingIntervalHours: 8,
        holdingHours: 24,
      }),
    ).toEqual({
      periods: 3,
      costUsd: expect.closeTo(1.692, 9),
    })
    // a short on a 4 h market at −0.0002 for 6 h: 1.5 periods, pays 10,000 × 0.0002 × 1.5 = 3
    const f = fundingCost({
      side: 'short',
      notionalUsd: 10_000,
      fundingRatePerPeriod: -0.0002,
      fundingIntervalHours: 4,
      holdingHours: 6,
    })
    expect(f.costUsd).toBeCloseTo(3, 9)
    // the same short receives when the rate is positive
    expect(
      fundingCost({
        side: 'short',
        notionalUsd: 10_000,
        fundingRatePerPeriod: 0.0002,
        fundingIntervalHours: 4,
        holdingHours: 6,
      }).costUsd,
    ).toBeCloseTo(-3, 9)
  })

  it('distance in percent of the entry and in ATR', () => {
    // |60,000 − 59,000| = 1,000 = 1.6667 % of 60,000 = 2 ATR of 500
    const d = priceDistance(60_000, 59_000, 500)
    expect(d.percent).toBeCloseTo(1.666667, 5)
    expect(d.atrMultiple).toBe(2)
    expect(priceDistance(60_000, 59_000, null).atrMultiple).toBeNull()
  })
})
