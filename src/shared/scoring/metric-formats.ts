/** How each metric's value is stored, typed and shown (the formats the metric registry refers to). */

/**
 * How a value is shown. The engine publishes fractions for percentages; `displayScale` turns a stored value
 * into the number a trader types and reads (0.0123 → 1.23 for `pct`).
 */
export type MetricFormat =
  | 'pct'
  | 'pct-signed'
  | 'rate'
  | 'pct-per-hour'
  | 'percentile'
  | 'usd'
  | 'usd-per-hour'
  | 'bps'
  | 'sigma'
  | 'ratio'
  | 'count'
  | 'score'
  | 'level01'
  | 'level02'
  | 'hours'
  | 'minutes'
  | 'price'
  | 'age'
  | 'label'

export interface FormatSpec {
  /** Stored value × displayScale = the number shown and typed. */
  displayScale: number
  /** Unit shown after a typed threshold, e.g. "%" for a fraction shown as a percent. */
  inputUnit: string
  /** False for formats that are not numbers a rule can compare (labels, ages). */
  numeric: boolean
}

export const FORMAT_SPECS: Record<MetricFormat, FormatSpec> = {
  pct: { displayScale: 100, inputUnit: '%', numeric: true },
  'pct-signed': { displayScale: 100, inputUnit: '%', numeric: true },
  rate: { displayScale: 100, inputUnit: '%', numeric: true },
  'pct-per-hour': { displayScale: 1, inputUnit: '%/h', numeric: true },
  percentile: { displayScale: 100, inputUnit: 'percentile (0–100)', numeric: true },
  usd: { displayScale: 1, inputUnit: 'USD', numeric: true },
  'usd-per-hour': { displayScale: 1, inputUnit: 'USD/h', numeric: true },
  bps: { displayScale: 1, inputUnit: 'bps', numeric: true },
  sigma: { displayScale: 1, inputUnit: 'σ', numeric: true },
  ratio: { displayScale: 1, inputUnit: '× (ratio)', numeric: true },
  count: { displayScale: 1, inputUnit: 'count', numeric: true },
  score: { displayScale: 1, inputUnit: 'score', numeric: true },
  level01: { displayScale: 1, inputUnit: '0–1', numeric: true },
  level02: { displayScale: 1, inputUnit: 'level 0–2', numeric: true },
  hours: { displayScale: 1, inputUnit: 'h', numeric: true },
  minutes: { displayScale: 1, inputUnit: 'min', numeric: true },
  price: { displayScale: 1, inputUnit: 'price', numeric: true },
  age: { displayScale: 1, inputUnit: 'ms', numeric: false },
  label: { displayScale: 1, inputUnit: '', numeric: false },
}
