import type { ExplainedId } from '../../../shared/scoring/metric-registry'

/**
 * Thresholds and weights in a trader's words: each config key is grouped under the metric family it tunes
 * (with that family's methodology section), named in words, and given the unit its name carries
 * ("fundingHistoryDays" → Funding · "Funding history" in d).
 */
export interface OverrideGroup {
  name: string
  /** The registry id whose methodology section explains the group. */
  doc: ExplainedId
}

const GROUPS: [RegExp, OverrideGroup][] = [
  [/^funding/, { name: 'Funding', doc: 'funding-percentile' }],
  [/^(oi|quadrant)/, { name: 'Open interest', doc: 'oi-roc-4h' }],
  [/^(longShort|ls)/, { name: 'Long / short', doc: 'ls-global' }],
  [/^(cascade|liq|postFlush)/, { name: 'Liquidations', doc: 'liq-long-5m' }],
  [/^vpin/, { name: 'Order flow (VPIN)', doc: 'vpin' }],
  [/^(basis|depth)/, { name: 'Basis and depth', doc: 'basis-z' }],
  [/^vol/, { name: 'Volatility', doc: 'vol-ratio' }],
  [/^(corr|reference)/, { name: 'Correlation', doc: 'corr-ref' }],
  [/^lsi/, { name: 'Stress index', doc: 'lsi' }],
  [/^(crowding|fragility|squeeze|tradeability|pillar|risk)/, { name: 'Composites', doc: 'fragility' }],
]

const OTHER: OverrideGroup = { name: 'Other', doc: 'lsi' }

export function overrideGroup(key: string): OverrideGroup {
  return GROUPS.find(([re]) => re.test(key))?.[1] ?? OTHER
}

/** Unit words a key may end with, and how the unit reads. */
const UNITS: Record<string, string> = {
  days: 'd',
  hours: 'h',
  minutes: 'min',
  ms: 'ms',
  usd: 'USD',
  sigma: 'σ',
  pct: '%',
  percent: '%',
  bps: 'bps',
  buckets: 'buckets',
  samples: 'samples',
}

/** "fundingHistoryDays" → { name: "Funding history", unit: "d" }; "lsiWeights.oiBuild" → "Lsi weights · oi build". */
export function overrideLabel(key: string): { name: string; unit: string | null } {
  const [field, sub] = key.split('.') as [string, string | undefined]
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ')
  const last = words[words.length - 1]!
  const unit = UNITS[last] ?? null
  if (unit && words.length > 1) words.pop()
  let name = words.join(' ')
  name = name.charAt(0).toUpperCase() + name.slice(1)
  if (sub !== undefined)
    name += /^\d+$/.test(sub)
      ? ` #${Number(sub) + 1}`
      : ` · ${sub.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()}`
  return { name, unit }
}
