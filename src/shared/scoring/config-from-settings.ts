import type { Settings } from '../settings'
import type { ScoringConfig } from './config'
import { DEFAULT_SCORING_CONFIG } from './config'

/**
 * The scoring configuration a user's settings ask for: numeric overrides of known default fields, market
 * caps and the reference asset. Unknown or non-numeric override keys are reported, not silently applied.
 */
export function scoringConfigFromSettings(settings: Settings): {
  config: Partial<ScoringConfig>
  ignored: string[]
} {
  const config: Partial<ScoringConfig> = {
    referenceAsset: settings.referenceAsset,
    marketCapUsdByAsset: { ...settings.marketCapUsd },
  }
  const ignored: string[] = []
  const defaults = DEFAULT_SCORING_CONFIG as unknown as Record<string, unknown>
  for (const [key, value] of Object.entries(settings.scoringOverrides)) {
    if (typeof defaults[key] === 'number' && Number.isFinite(value)) {
      ;(config as Record<string, unknown>)[key] = value
    } else {
      ignored.push(key)
    }
  }
  return { config, ignored }
}
