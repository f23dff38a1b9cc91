import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING_CONFIG } from './config'
import { KNOBS, knobLabel, knobProblems, typedValue } from './config-knobs'

/** The config's numeric knobs as settings.scoringOverrides keys them (fields, `field.index`, `field.sub`). */
function configKeys(): Map<string, number> {
  const out = new Map<string, number>()
  for (const [field, v] of Object.entries(DEFAULT_SCORING_CONFIG)) {
    if (typeof v === 'number') out.set(field, v)
    else if (Array.isArray(v)) v.forEach((x, i) => out.set(`${field}.${i}`, x as number))
    else if (v && typeof v === 'object' && field.endsWith('Weights'))
      for (const [sub, x] of Object.entries(v)) out.set(`${field}.${sub}`, x as number)
  }
  return out
}

describe('the knob table', () => {
  it('describes every numeric knob of the scoring config, and its defaults are within the knob’s bounds', () => {
    for (const [key, value] of configKeys()) {
      const d = KNOBS[key]
      expect(d, `${key} has no row in config-knob-table.ts`).toBeDefined()
      expect(value, key).toBeGreaterThanOrEqual(d!.min)
      expect(value, key).toBeLessThanOrEqual(d!.max)
      if (d!.integer) expect(Number.isInteger(value), key).toBe(true)
      expect(d!.what.length, key).toBeGreaterThan(10)
    }
  })

  it('types values in the unit shown: a fraction in percent, milliseconds in seconds or minutes', () => {
    expect(typedValue('oiRegimeThreshold', 0.07)).toBe(7) // 0.07 × 100 is 7.000000000000001 in binary
    expect(typedValue('minDwellMs', 60_000)).toBe(60)
    expect(typedValue('labelDwellMs', 1_800_000)).toBe(30)
    expect(typedValue('fundingHistoryDays', 90)).toBe(90)
    expect(typedValue('not-a-knob', 3)).toBe(3)
  })

  it('names problems in words with units: range, whole numbers and order', () => {
    const values = Object.fromEntries(configKeys())
    values.oiRegimeThreshold = 1.5
    values.vpinWindowBuckets = 2.5
    values['lsiLevels.0'] = 70
    const changed = new Set(['oiRegimeThreshold', 'vpinWindowBuckets', 'lsiLevels.0'])
    expect(knobProblems(values, changed)).toEqual([
      'OI change 4 h · Rising / falling from: 150 % is above the largest allowed, 100 %',
      'VPIN · Window: 2.5 buckets must be a whole number',
      'Leverage Stress Index · Medium from (70 score 0–100) must be below Leverage Stress Index · High from (65 score 0–100)',
      // 150 % is also above the fast edge (default 6 %).
      'OI change 4 h · Rising / falling from (150 %) must be below OI change 4 h · Rising / falling fast from (6 %)',
    ])
    expect(knobProblems(Object.fromEntries(configKeys()), new Set(configKeys().keys()))).toEqual([])
    expect(knobLabel('fundingHistoryDays')).toMatch(/ · History window$/)
  })
})
