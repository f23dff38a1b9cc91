import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { metricInfo } from '../../../shared/scoring/metric-registry'
import { labelName, labelValueText } from '../../../shared/scoring/label-names'
import { fmtMetric, fmtNumber, fmtPrice, fmtTime } from '../format'

/** Scores first (they are what a decision is judged against), then labels, tags and contradictions. */
const SCORE_FIRST = ['lsi', 'crowding', 'fragility', 'squeeze', 'tradeability']

export function SnapshotView({ snapshot }: { snapshot: MarketSnapshot | null }) {
  if (!snapshot)
    return <p className="muted">No snapshot: the market had not been scored when this was logged.</p>
  const ids = Object.keys(snapshot.metrics).sort((a, b) => {
    const ia = SCORE_FIRST.indexOf(a)
    const ib = SCORE_FIRST.indexOf(b)
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b)
  })
  // Values first; metrics still waiting for data are listed by name with their reason on hover.
  const present = ids.filter((id) => snapshot.metrics[id]!.value !== null)
  const missing = ids.filter((id) => snapshot.metrics[id]!.value === null)
  const labels = Object.entries(snapshot.labels).filter(([, v]) => v !== null)
  return (
    <div className="snapshot-view" data-testid="journal-snapshot">
      <div className="snap-head">
        <span>
          Stress <strong className="snap-stress">{fmtNumber(snapshot.stress, 1)}</strong>
        </span>
        <span>
          Price <strong>{fmtPrice(snapshot.lastPrice)}</strong>
        </span>
        <span className="muted">as of {fmtTime(snapshot.asOfMs)}</span>
        <span className="muted">{snapshot.eventCount.toLocaleString('en-US')} events scored</span>
      </div>
      {(snapshot.tags.length > 0 || labels.length > 0) && (
        <div className="snap-chips">
          {snapshot.tags.map((t) => (
            <span key={t} className="chip chip-tag">
              {t}
            </span>
          ))}
          {labels.map(([k, v]) => (
            <span key={k} className="chip" data-label={k} title={metricInfo(k).what}>
              <span className="muted">{labelName(k)}</span> {labelValueText(v!)}
            </span>
          ))}
        </div>
      )}
      {snapshot.contradictions.length > 0 && (
        <ul className="notes">
          {snapshot.contradictions.map((c, i) => (
            <li key={i} className="note-warning">
              {c}
            </li>
          ))}
        </ul>
      )}
      <div className="snap-metrics">
        {present.map((id) => {
          const m = snapshot.metrics[id]!
          return (
            <div
              key={id}
              className={m.sufficient ? 'snap-metric' : 'snap-metric insufficient'}
              data-metric={id}
              title={m.reason ?? `${metricInfo(id).what} (${metricInfo(id).unit})`}
            >
              <span className="muted">{metricInfo(id).name}</span>
              <span className="num">{fmtMetric(id, m)}</span>
            </div>
          )
        })}
      </div>
      {missing.length > 0 && (
        <p className="snap-missing">
          <span className="muted">Not enough data ({missing.length}): </span>
          {missing.map((id, i) => (
            <span key={id} title={snapshot.metrics[id]!.reason ?? 'no value yet'}>
              {i > 0 ? ', ' : ''}
              {metricInfo(id).name}
            </span>
          ))}
        </p>
      )}
    </div>
  )
}
