import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../settings'
import { DEFAULT_SCORING_CONFIG, resolveConfig } from './config'
import { scoringConfigFromSettings } from './config-from-settings'

describe('scoringConfigFromSettings', () => {
  it('applies top-level and dotted numeric overrides without dropping sibling values', () => {
    const settings = {
      ...defaultSettings(),
      scoringOverrides: {
        longShortExtreme: 2,
        'lsiWeights.fundingStress': 0.5,
        'fundingRegimePercentiles.3': 0.97,
      },
    }
    const { config, ignored } = scoringConfigFromSettings(settings)
    expect(ignored).toEqual([])
    const resolved = resolveConfig(config)
    expect(resolved.longShortExtreme).toBe(2)
    expect(resolved.lsiWeights).toEqual({ ...DEFAULT_SCORING_CONFIG.lsiWeights, fundingStress: 0.5 })
    const [p0, p1, p2] = DEFAULT_SCORING_CONFIG.fundingRegimePercentiles
    expect(resolved.fundingRegimePercentiles).toEqual([p0, p1, p2, 0.97])
    // The defaults themselves are untouched.
    expect(DEFAULT_SCORING_CONFIG.fundingRegimePercentiles[3]).not.toBe(0.97)
  })

  it('reports keys that name no numeric default instead of applying them', () => {
    const settings = {
      ...defaultSettings(),
      scoringOverrides: { noSuchKey: 1, 'lsiWeights.nope': 1, referenceAsset: 1, lsiWeights: 3 },
    }
    expect(scoringConfigFromSettings(settings).ignored.sort()).toEqual([
      'lsiWeights',
      'lsiWeights.nope',
      'noSuchKey',
      'referenceAsset',
    ])
  })

  it('carries market caps and the reference asset', () => {
    const { config } = scoringConfigFromSettings({
      ...defaultSettings(),
      referenceAsset: 'ETH',
      marketCapUsd: { OP: 2.5e9 },
    })
    expect(config.referenceAsset).toBe('ETH')
    expect(config.marketCapUsdByAsset).toEqual({ OP: 2.5e9 })
  })
})
