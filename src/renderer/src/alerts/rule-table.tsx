import type { AlertRule } from '../../../shared/contract/alerts'

interface Props {
  rules: AlertRule[]
  busy: boolean
  onToggle: (rule: AlertRule) => void
  onDelete: (rule: AlertRule) => void
}

/** Binary floats make 0.0000284 − 0.000001 print as 0.000027399999…; 12 significant digits hide that. */
const clean = (v: number): number => Number(v.toPrecision(12))

function describe(r: AlertRule): string {
  if (r.kind === 'regimeShift') return `${r.field} changes`
  const value = r.value ?? 0
  const h = r.hysteresis ?? 0
  const rearm = r.op === 'above' ? `below ${clean(value - h)}` : `above ${clean(value + h)}`
  return `${r.field} ${r.op} ${value}${h > 0 ? ` (re-arms ${rearm})` : ''}`
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
            <td className="num">{r.kind === 'threshold' ? (r.hysteresis ?? 0) : '—'}</td>
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
