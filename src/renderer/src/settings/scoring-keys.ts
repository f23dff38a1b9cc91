import { DEFAULT_SCORING_CONFIG } from '../../../shared/scoring/config'

export interface OverrideKey {
  /** The key in settings.scoringOverrides: a config field, or `field.sub` / `field.index` inside one. */
  key: string
  defaultValue: number
}

/**
 * Every numeric knob of the scoring config, flattened to the dotted keys settings.scoringOverrides holds.
 * Per-asset and per-market maps (market caps, ADV) are edited elsewhere and are not knobs.
 */
export function scoringOverrideKeys(config: object = DEFAULT_SCORING_CONFIG): OverrideKey[] {
  const out: OverrideKey[] = []
  for (const [field, value] of Object.entries(config)) {
    if (typeof value === 'number') out.push({ key: field, defaultValue: value })
    else if (Array.isArray(value))
      value.forEach((v, i) => typeof v === 'number' && out.push({ key: `${field}.${i}`, defaultValue: v }))
    else if (value && typeof value === 'object' && field.endsWith('Weights'))
      for (const [sub, v] of Object.entries(value))
        if (typeof v === 'number') out.push({ key: `${field}.${sub}`, defaultValue: v })
  }
  return out
}

/** Parses the override editor's text fields: blank means "use the default", anything else must be a number. */
export function parseOverrides(drafts: Record<string, string>): {
  overrides: Record<string, number>
  errors: string[]
} {
  const overrides: Record<string, number> = {}
  const errors: string[] = []
  for (const [key, text] of Object.entries(drafts)) {
    const t = text.trim()
    if (t === '') continue
    const n = Number(t)
    if (!Number.isFinite(n)) errors.push(`${key}: "${t}" is not a number`)
    else overrides[key] = n
  }
  return { overrides, errors }
}
