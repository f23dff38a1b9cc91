import type { MetricId } from './metric-registry'

/**
 * Every numeric knob of the scoring config as Settings shows it: under the metric it tunes, named in words,
 * with its unit, what it does and the range it may take. A key is a config field, or `field.index` /
 * `field.sub` inside one (as settings.scoringOverrides stores them). Values are stored in the config's own
 * units; `scale` turns a stored value into the one a trader types (0.02 → 2 %).
 */
export interface KnobDef {
  /** The metric whose methodology section explains the knob; the knob is listed under it. */
  metric: MetricId
  name: string
  /** Unit of the typed value (after `scale`). */
  unit: string
  what: string
  /** Typed value = stored value × scale. */
  scale: number
  /** Bounds of the stored value (inclusive). */
  min: number
  max: number
  integer: boolean
}

/** One knob as its table writes it: the metric it tunes, its name, unit and effect, and what differs from the defaults. */
export type KnobSpec = [metric: MetricId, name: string, unit: string, what: string, opts?: Partial<KnobDef>]

export const PCT = { scale: 100, max: 1 } // a fraction typed in percent
export const INT = { integer: true, min: 1 }
export const SCORE = { max: 100 }
