import type { AlertRule } from '../../../shared/contract/alerts'
import { displayValue, isMetricId, metricDef } from '../../../shared/scoring/metric-registry'

interface Props {
  rules: AlertRule[]
  busy: boolean
  onToggle: (rule: AlertRule) => void
  onDelete: (rule: AlertRule) => void
}

/** A rule in words: the metric's name and its values in the display unit the form took them in. */
function describe(r: AlertRule): string {
  if (r.kind === 'regimeShift') return `${r.field} changes`
  const value = r.value ?? 0
  const h = r.hysteresis ?? 0
  const show = (v: number): string =>
    isMetricId(r.field) ? displayValue(r.field, v) : String(Number(v.toPrecision(12)))
  const name = isMetricId(r.field) ? metricDef(r.field).name : r.field === 'stress' ? 'Stress' : r.field
  const rearm = r.op === 'above' ? `below ${show(value - h)}` : `above ${show(value + h)}`
  return `${name} ${r.op} ${show(value)}${h > 0 ? ` (re-arms ${rearm})` : ''}`
}

export function RuleTable({ rules, busy, onToggle, onDelete }: Props) {
  if (rules.length === 0)
    return (
      <div className="empty-state">
        No rules yet. Add one above: it is checked on every snapshot, live or in replay.
      </div>
    )
  return (
    <table className="data-table" aria-label="Alert rules">
      <thead>
        <tr>
          <th>On</th>
          <th>Market</th>
          <th>Kind</th>
          <th>Condition</th>
          <th>Hysteresis</th>
          <th aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => (
          <tr key={r.id} className={r.enabled ? '' : 'row-disabled'} data-testid="alert-rule">
            <td>
              <input
                type="checkbox"
                aria-label={`Enable rule ${describe(r)}`}
                checked={r.enabled}
                disabled={busy}
                onChange={() => onToggle(r)}
              />
            </td>
            <td>{r.market === '*' ? <span className="chip">all markets</span> : r.market}</td>
            <td>
              <span className={r.kind === 'threshold' ? 'kind kind-threshold' : 'kind kind-shift'}>
                {r.kind === 'threshold' ? 'THRESHOLD' : 'REGIME SHIFT'}
              </span>
            </td>
            <td className="mono">{describe(r)}</td>
            <td className="num">
              {r.kind !== 'threshold'
                ? '—'
                : isMetricId(r.field)
                  ? displayValue(r.field, r.hysteresis ?? 0)
                  : (r.hysteresis ?? 0)}
            </td>
            <td className="actions">
              <button
                type="button"
                className="btn-ghost-danger"
                disabled={busy}
                onClick={() => onDelete(r)}
                aria-label={`Delete rule ${describe(r)}`}
              >
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
