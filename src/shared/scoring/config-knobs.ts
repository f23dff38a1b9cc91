import type { MetricId } from './metric-registry'
import { metricInfo } from './metric-registry'
import type { KnobDef } from './config-knob-table'
import { KNOBS } from './config-knob-table'

export type { KnobDef } from './config-knob-table'
export { KNOBS } from './config-knob-table'

/** Group headings where the metric's own name would not say what the knobs tune. */
const GROUP_TITLES: Partial<Record<MetricId, string>> = {
  'setup-tag': 'Labels and tags: hysteresis and timing',
  'depth-ratio-0p5': 'Book depth ratio bands',
}

/** The heading a knob is listed under: its metric's name from the registry (or the title above). */
export function knobGroupTitle(metric: MetricId): string {
  return GROUP_TITLES[metric] ?? metricInfo(metric).name
}

/** The knob's definition; null for a key the table does not know (shown by its key, never dropped). */
export function knobDef(key: string): KnobDef | null {
  return Object.prototype.hasOwnProperty.call(KNOBS, key) ? KNOBS[key]! : null
}

/** A stored value as typed: scaled, with binary noise removed (0.07 × 100 → 7, not 7.000000000000001). */
export function typedValue(key: string, stored: number): number {
  return Number((stored * (knobDef(key)?.scale ?? 1)).toPrecision(12))
}

const show = (key: string, stored: number): string => {
  const d = knobDef(key)
  return `${typedValue(key, stored).toLocaleString('en-US', { maximumFractionDigits: 8 })}${d ? ` ${d.unit}` : ''}`
}

/** "Funding percentile · High from": unique across groups, for messages. */
export function knobLabel(key: string): string {
  const d = knobDef(key)
  return d ? `${knobGroupTitle(d.metric)} · ${d.name}` : key
}

/** Pairs that must increase (an edge below the next) or be in order, as the engine requires. */
const ORDERED: [lower: string, upper: string][] = [
  ['fundingRegimePercentiles.0', 'fundingRegimePercentiles.1'],
  ['fundingRegimePercentiles.1', 'fundingRegimePercentiles.2'],
  ['fundingRegimePercentiles.2', 'fundingRegimePercentiles.3'],
  ['vpinCdfLevels.0', 'vpinCdfLevels.1'],
  ['lsiLevels.0', 'lsiLevels.1'],
  ['volShortWindowMinutes', 'volLongWindowMinutes'],
  ['volContractRatio', 'volExpandRatio'],
  ['oiRegimeThreshold', 'oiRegimeFastThreshold'],
]

/**
 * Plain-word problems with a set of stored values (overrides merged over the defaults by the caller):
 * out of range, not a whole number, or out of order. Empty when the engine will take them.
 */
export function knobProblems(values: Record<string, number>, changed: ReadonlySet<string>): string[] {
  const out: string[] = []
  for (const key of changed) {
    const v = values[key]
    const d = knobDef(key)
    if (v === undefined || !d) continue
    if (d.integer && !Number.isInteger(v))
      out.push(`${knobLabel(key)}: ${show(key, v)} must be a whole number`)
    else if (v < d.min)
      out.push(`${knobLabel(key)}: ${show(key, v)} is below the smallest allowed, ${show(key, d.min)}`)
    else if (v > d.max)
      out.push(`${knobLabel(key)}: ${show(key, v)} is above the largest allowed, ${show(key, d.max)}`)
  }
  for (const [lo, hi] of ORDERED) {
    const a = values[lo]
    const b = values[hi]
    if (a === undefined || b === undefined || !(changed.has(lo) || changed.has(hi)) || a < b) continue
    out.push(`${knobLabel(lo)} (${show(lo, a)}) must be below ${knobLabel(hi)} (${show(hi, b)})`)
  }
  return out
}
