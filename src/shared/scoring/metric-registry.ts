/**
 * The one registry of metrics: every id the engine publishes (and the few the screens derive) with its name,
 * what it means in a trader's words, the unit it is shown in, how it is formatted, its window and its section
 * of docs/methodology.md. The radar, chart legend, settings, alerts, journal and docs read it, so a metric id
 * typed wrong fails to compile and every number can show its unit. The windows mirror DEFAULT_SCORING_CONFIG.
 */
import { FORMAT_SPECS } from './metric-formats'
import type { MetricFormat } from './metric-formats'
import { METRICS, m } from './metric-definitions'
import type { MetricDef } from './metric-definitions'

export { FORMAT_SPECS } from './metric-formats'
export type { FormatSpec, MetricFormat } from './metric-formats'
export type { MetricDef } from './metric-definitions'

/** A metric id the registry knows; a typo in a literal id fails to compile. */
export type MetricId = keyof typeof METRICS

export const METRIC_IDS = Object.keys(METRICS) as MetricId[]

export function isMetricId(id: string): id is MetricId {
  return Object.prototype.hasOwnProperty.call(METRICS, id)
}

export function metricDef(id: MetricId): MetricDef {
  return METRICS[id]
}

export const METHODOLOGY_DOC = 'docs/methodology.md'

/** Display-only ids that have no section of their own point at the section they derive from. */
const ANCHOR_OF: Partial<Record<string, string>> = {
  'cluster-distance': 'liq-prox-above-price',
  'setup-tag': 'setup-tags',
  freshness: 'general-rules',
  market: 'general-rules',
  'last-price': 'general-rules',
}

export function methodologyAnchor(id: string): string {
  return ANCHOR_OF[id] ?? id
}

export function methodologyHref(id: string): string {
  return `${METHODOLOGY_DOC}#${methodologyAnchor(id)}`
}

/** Labels (regimes) explained by the metric they come from. */
const LABEL_TO_METRIC = {
  'funding-regime': 'funding-percentile',
  'oi-regime': 'oi-roc-4h',
  'oi-quadrant': 'oi-roc-4h',
  'vpin-level': 'vpin-cdf',
  'basis-band': 'basis-z',
  'vol-regime': 'vol-ratio',
  'lsi-level': 'lsi',
  'risk-level': 'risk-pillars',
  'crowding-side': 'crowding',
  'ls-extreme': 'ls-global',
  'oi-mcap-flush': 'oi-mcap-z',
  'liq-cascade': 'liq-long-5m',
  'basis-ma-cross': 'basis-ma-fast',
  deleveraging: 'oi-drawdown-24h',
} as const satisfies Record<string, MetricId>

/** A categorical label the engine publishes (a regime), explained by the metric it comes from. */
export type LabelId = keyof typeof LABEL_TO_METRIC

/** Anything a tooltip can explain: a metric or a label. */
export type ExplainedId = MetricId | LabelId

/** The definition for a metric or label id; an id the registry does not know reads as itself. */
export function metricInfo(id: string): MetricDef {
  if (isMetricId(id)) return METRICS[id]
  if (Object.prototype.hasOwnProperty.call(LABEL_TO_METRIC, id))
    return METRICS[LABEL_TO_METRIC[id as LabelId]]
  return m('label', id, 'See the methodology.', '—', '—')
}

/** Metric ids a rule can compare against a number (not labels or ages). */
export function isNumericMetric(id: MetricId): boolean {
  return FORMAT_SPECS[METRICS[id].format].numeric
}

/** Formats whose numbers read without a unit word ("71", not "71 score"). */
const BARE: ReadonlySet<MetricFormat> = new Set(['score', 'count', 'ratio', 'level01', 'level02', 'price'])

/**
 * A stored value as a trader types and reads it, for plain-text messages (alerts, CLI): scaled to the
 * display unit, four significant digits, with the unit ("0.000284" funding -> "0.0284 %").
 */
export function displayValue(id: MetricId, value: number): string {
  const format = METRICS[id].format
  const spec = FORMAT_SPECS[format]
  const n = Number((value * spec.displayScale).toPrecision(4))
  const text = n.toLocaleString('en-US', { maximumFractionDigits: 10 })
  return BARE.has(format) || spec.inputUnit === '' ? text : `${text} ${spec.inputUnit}`
}
