import { describe, expect, it } from 'vitest'
import { riskAdjustedSize } from './risk-adjusted'

const base = {
  quantityBase: 0.094,
  entryPrice: 60_000,
  leverage: 10,
  riskBudgetUsd: 100,
  feeRate: 0.0005,
  lotSizeBase: 0.001,
}

describe('riskAdjustedSize', () => {
  it('keeps the full size at low risk', () => {
    expect(riskAdjustedSize({ ...base, riskLevel: 'low' })).toMatchObject({ quantityBase: 0.094, factor: 1 })
  })

  it('halves at medium risk, rounded down to the lot', () => {
    // 0.094 × 0.5 = 0.047
    const r = riskAdjustedSize({ ...base, riskLevel: 'medium' })
    expect(r.quantityBase).toBe(0.047)
    expect(r.reason).toMatch(/medium/)
  })

  it('at high risk caps the size so a full liquidation costs at most the budget', () => {
    // liquidation loss per BTC at 10x: margin 60,000 / 10 = 6,000 + entry fee 60,000 × 0.0005 = 30 -> 6,030
    // cap 100 / 6,030 = 0.016583 -> lot 0.001 -> 0.016 (full liquidation then costs 0.016 × 6,030 = 96.48)
    const r = riskAdjustedSize({ ...base, riskLevel: 'high' })
    expect(r.quantityBase).toBe(0.016)
    expect(r.factor).toBeCloseTo(0.016 / 0.094, 9)
    expect(r.reason).toMatch(/96\.48.*100\.00/)
  })

  it('at high risk keeps a size that is already under the cap', () => {
    // cap at 2x: 100 / (30,000 + 30) = 0.00333; a base of 0.003 stays
    const r = riskAdjustedSize({ ...base, quantityBase: 0.003, leverage: 2, riskLevel: 'high' })
    expect(r.quantityBase).toBe(0.003)
  })

  it('gives no number when the risk level, the budget or the leverage is unknown', () => {
    expect(riskAdjustedSize({ ...base, riskLevel: null })).toMatchObject({ quantityBase: null, factor: null })
    expect(riskAdjustedSize({ ...base, riskLevel: 'high', riskBudgetUsd: null }).quantityBase).toBeNull()
    expect(riskAdjustedSize({ ...base, riskLevel: 'high', leverage: null }).quantityBase).toBeNull()
  })
})
