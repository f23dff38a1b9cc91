import type { AlertFired } from '../../../shared/contract/alerts'
import { fmtTime } from '../format'

/**
 * Fired alerts, newest market time first (a replay at max speed fires many within one wall second), with both
 * clocks: the market's (session time in replay) and the wall's.
 */
export function AlertLog({ alerts }: { alerts: AlertFired[] }) {
  const rows = [...alerts].sort(
    (a, b) => (b.marketTsMs ?? b.atMs) - (a.marketTsMs ?? a.atMs) || b.atMs - a.atMs,
  )
  if (rows.length === 0)
    return (
      <div className="empty-state">Nothing has fired yet. Fired alerts stay here while the engine runs.</div>
    )
  return (
    <table className="data-table" aria-label="Alert log">
      <thead>
        <tr>
          <th>Market time</th>
          <th>Market</th>
          <th>Message</th>
          <th>Fired at (wall)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a, i) => (
          <tr key={`${a.ruleId}|${a.key}|${a.atMs}|${i}`} data-testid="alert-log-row">
            <td className="mono">{fmtTime(a.marketTsMs)}</td>
            <td>{a.key}</td>
            <td>{a.message}</td>
            <td className="mono muted">{fmtTime(a.atMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
