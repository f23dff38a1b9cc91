import type { Metric } from '../../../shared/scoring/snapshot'
import type { MetricId } from '../../../shared/scoring/metric-registry'
import { MetricTip } from './metric-tooltip'
import { fmtMetric, metricNote } from '../format'

interface Props {
  id: MetricId
  metric: Metric | undefined
  /** Override the display text (e.g. a derived percent); still n/a when the metric is missing. */
  text?: string
  className?: string
  /** Replaces the tooltip's note (the metric's reason), e.g. with what history it still waits on. */
  note?: string | null
}

/** A metric's value in its registry format, with its tooltip; a missing one reads "n/a" and says why. */
export function MetricValue({ id, metric, text, className, note: noteOverride }: Props) {
  const missing = !metric || metric.value === null
  const note = noteOverride === undefined ? metricNote(metric) : noteOverride
  return (
    <MetricTip id={id} note={note} className={`${missing ? 'value-na' : ''} ${className ?? ''}`}>
      {missing ? 'n/a' : (text ?? fmtMetric(id, metric))}
    </MetricTip>
  )
}
