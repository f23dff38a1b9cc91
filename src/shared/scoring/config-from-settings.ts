import type { Settings } from '../settings'
import type { ScoringConfig } from './config'
import { DEFAULT_SCORING_CONFIG, resolveConfig } from './config'
import { heatmapAssumptionsFromSettings } from '../radar-core'
import type { PipelineConfig } from './scoring-pipeline'

type Tree = Record<string, unknown> | unknown[]

/**
 * Sets `path` (e.g. `lsiWeights.fundingStress`, `fundingRegimePercentiles.0`) in `config` when the default at
 * that path is a number; the enclosing object or array is copied whole from the defaults first, so one
 * override never drops its siblings. Returns false for a path that names no numeric default.
 */
function setNumericPath(config: Record<string, unknown>, path: string, value: number): boolean {
  const parts = path.split('.')
  let def: unknown = DEFAULT_SCORING_CONFIG
  for (const p of parts) {
    if (def === null || typeof def !== 'object' || !(p in (def as Tree))) return false
    def = (def as Record<string, unknown>)[p]
  }
  if (typeof def !== 'number') return false
  let target: Record<string, unknown> = config
  let source: unknown = DEFAULT_SCORING_CONFIG
  for (const p of parts.slice(0, -1)) {
    source = (source as Record<string, unknown>)[p]
    if (!(p in target)) target[p] = structuredClone(source)
    target = target[p] as Record<string, unknown>
  }
  target[parts[parts.length - 1]!] = value
  return true
}

/**
 * The scoring configuration a user's settings ask for: numeric overrides of known default fields (nested ones
 * by dotted path), market caps, the reference asset and the basis pairing. Unknown or non-numeric keys are reported, not applied.
 */
export function scoringConfigFromSettings(settings: Settings): {
  config: Partial<ScoringConfig>
  ignored: string[]
} {
  const config: Record<string, unknown> = {
    referenceAsset: settings.referenceAsset,
    basisSpotVenue: settings.basisSpotVenue === 'auto' ? null : settings.basisSpotVenue,
    marketCapUsdByAsset: { ...settings.marketCapUsd },
  }
  const ignored: string[] = []
  for (const [key, value] of Object.entries(settings.scoringOverrides)) {
    if (!Number.isFinite(value) || !setNumericPath(config, key, value)) ignored.push(key)
  }
  return { config: config as Partial<ScoringConfig>, ignored }
}

/**
 * Everything scoring takes from settings (thresholds, weights, caps, reference asset and the heatmap's
 * assumptions), checked: an invalid set is refused here with the field named, before it reaches a pipeline.
 */
export function pipelineConfigFromSettings(settings: Settings): {
  config: PipelineConfig
  ignored: string[]
} {
  const { config, ignored } = scoringConfigFromSettings(settings)
  resolveConfig(config)
  return { config: { scoring: config, heatmap: heatmapAssumptionsFromSettings(settings.heatmap) }, ignored }
}
