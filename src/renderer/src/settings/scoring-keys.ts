import { DEFAULT_SCORING_CONFIG } from '../../../shared/scoring/config'
import { knobDef, knobLabel, knobProblems } from '../../../shared/scoring/config-knobs'

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

/**
 * Parses the override editor's text fields, typed in each knob's display unit (2 for 2 %): blank means "use the
 * default", anything else must be a number, in range and in order. Values come back in the config's units;
 * errors name the knob in words with its unit.
 */
export function parseOverrides(drafts: Record<string, string>): {
  overrides: Record<string, number>
  errors: string[]
} {
  const overrides: Record<string, number> = {}
  const errors: string[] = []
  for (const [key, text] of Object.entries(drafts)) {
    const t = text.trim()
    if (t === '') continue
    // A comma is refused rather than guessed: "1,5" may mean 1.5 or 15.
    const n = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : NaN
    const d = knobDef(key)
    if (!Number.isFinite(n))
      errors.push(
        `${knobLabel(key)}: "${t}" is not a number${t.includes(',') ? ' (use a point for decimals)' : ''}`,
      )
    else overrides[key] = Number((n / (d?.scale ?? 1)).toPrecision(12))
  }
  const values: Record<string, number> = {}
  for (const k of scoringOverrideKeys()) values[k.key] = k.defaultValue
  Object.assign(values, overrides)
  errors.push(...knobProblems(values, new Set(Object.keys(overrides))))
  return { overrides, errors }
}
