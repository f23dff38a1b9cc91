import { describe, expect, it } from 'vitest'
import { parseOverrides, scoringOverrideKeys } from './scoring-keys'

describe('scoring override keys', () => {
  it('flattens numbers, arrays and weight groups to dotted keys', () => {
    const keys = scoringOverrideKeys({
      oiRegimeThreshold: 0.02,
      fundingRegimePercentiles: [0.05, 0.25],
      lsiWeights: { fundingStress: 0.3, volatility: 0.2 },
      marketCapUsdByAsset: { BTC: 1e12 },
      vpinClassification: 'aggressor',
    })
    expect(keys).toEqual([
      { key: 'oiRegimeThreshold', defaultValue: 0.02 },
      { key: 'fundingRegimePercentiles.0', defaultValue: 0.05 },
      { key: 'fundingRegimePercentiles.1', defaultValue: 0.25 },
      { key: 'lsiWeights.fundingStress', defaultValue: 0.3 },
      { key: 'lsiWeights.volatility', defaultValue: 0.2 },
    ])
  })

  it('covers the real defaults: methodology.md gives the LSI weights 0.30 … 0.20 and the OI regime edge 2 %', () => {
    const byKey = new Map(scoringOverrideKeys().map((k) => [k.key, k.defaultValue]))
    expect(byKey.get('lsiWeights.fundingStress')).toBe(0.3)
    expect(byKey.get('lsiWeights.volatility')).toBe(0.2)
    expect(byKey.get('oiRegimeThreshold')).toBe(0.02)
    expect(byKey.has('marketCapUsdByAsset')).toBe(false)
  })

  it('blank is the default; a non-number is refused by name', () => {
    expect(parseOverrides({ a: ' 0.5 ', b: '', c: 'x1' })).toEqual({
      overrides: { a: 0.5 },
      errors: ['c: "x1" is not a number'],
    })
  })
})
