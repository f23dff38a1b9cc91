import type { LabelId } from '../../../shared/scoring/metric-registry'
import { MetricTip } from './metric-tooltip'

interface Props {
  id: LabelId
  value: string | null | undefined
}

const TONE: Record<string, string> = {
  'extreme-positive': 'hot',
  'Very High': 'hot',
  'deep-negative': 'cold',
  'Very Low': 'cold',
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

/**
 * A regime label as a small coloured chip. An undetermined regime shows no chip: the value beside it already
 * reads "n/a" with its reason, and an empty "—" chip would only repeat it.
 */
export function RegimeChip({ id, value }: Props) {
  if (!value) return null
  return (
    <MetricTip id={id}>
      <span className={`regime-chip tone-${TONE[value] ?? 'neutral'}`} data-regime={id}>
        {value}
      </span>
    </MetricTip>
  )
}
