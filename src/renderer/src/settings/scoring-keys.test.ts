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

  it('reads values in the unit shown (percent for fractions), blank as the default, and refuses in words', () => {
    // 2 (%) is stored as 0.02; 45 (s) of tag dwell as 45,000 ms.
    expect(parseOverrides({ oiRegimeThreshold: ' 2 ', fundingHistoryDays: '', minDwellMs: '45' })).toEqual({
      overrides: { oiRegimeThreshold: 0.02, minDwellMs: 45_000 },
      errors: [],
    })
    const { errors } = parseOverrides({ fundingHistoryDays: 'ninety', oiRegimeFastThreshold: '1,5' })
    expect(errors).toEqual([
      'Funding percentile · History window: "ninety" is not a number',
      'OI change 4 h · Rising / falling fast from: "1,5" is not a number (use a point for decimals)',
    ])
    // A fast edge below the normal one is out of order; the message names both with their units.
    expect(parseOverrides({ oiRegimeFastThreshold: '1' }).errors).toEqual([
      'OI change 4 h · Rising / falling from (2 %) must be below OI change 4 h · Rising / falling fast from (1 %)',
    ])
  })
})
