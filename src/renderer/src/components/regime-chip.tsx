import { MetricTip } from './metric-tooltip'

interface Props {
  /** Label id, e.g. 'funding-regime'. */
  id: string
  value: string | null | undefined
}

const TONE: Record<string, string> = {
  'extreme-positive': 'hot',
  'Extreme Positive': 'hot',
  'deep-negative': 'cold',
  'Deep Negative': 'cold',
  high: 'hot',
  medium: 'warm',
  low: 'calm',
  'Rising Fast': 'hot',
  Rising: 'warm',
  'Falling Fast': 'cold',
  Falling: 'cool',
  'long-extreme': 'hot',
  'short-extreme': 'cold',
  'above-band': 'hot',
  'below-band': 'cold',
  expanding: 'warm',
  longs: 'warm',
  shorts: 'cool',
}

/** A regime label as a small coloured chip; undetermined regimes read "—" with the reason in the tooltip. */
export function RegimeChip({ id, value }: Props) {
  const tone = value ? (TONE[value] ?? 'neutral') : 'none'
  return (
    <MetricTip id={id} note={value ? null : 'regime not determined yet (needs enough history)'}>
      <span className={`regime-chip tone-${tone}`} data-regime={id}>
        {value ?? '—'}
      </span>
    </MetricTip>
  )
}
