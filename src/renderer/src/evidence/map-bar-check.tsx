import { useEffect, useState } from 'react'
import type { RadarApi } from '../../../shared/api'
import type { SessionSummary } from '../../../shared/contract/sessions'
import type { SessionBarCheck } from '../../../shared/contract/heatmap-check'
import type { SideScore } from '../../../shared/heatmap/bar-check'
import type { Interval } from '../../../shared/heatmap/rank-stats'

const rho = (v: number | null): string => (v === null ? '—' : v.toFixed(3))
const ci = (v: Interval | null): string => (v === null ? '' : ` [${v.lo.toFixed(3)}, ${v.hi.toFixed(3)}]`)
const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b)

function SideRow({ name, s }: { name: string; s: SideScore }) {
  return (
    <tr>
      <td>{name}</td>
      <td>{s.bars}</td>
      <td>{(s.mapNonZeroShare * 100).toFixed(0)} %</td>
      <td>
        {rho(s.rhoMap)}
        {ci(s.ci.map)}
      </td>
      <td>
        {rho(s.rhoMove)}
        {ci(s.ci.move)}
      </td>
      <td>
        {rho(s.rhoMoveOi)}
        {ci(s.ci.moveOi)}
      </td>
      <td>
        {rho(diff(s.rhoMap, s.rhoMoveOi))}
        {ci(s.ci.mapMinusMoveOi)}
      </td>
      <td>
        {s.big.bars}: {rho(s.big.rhoMap)} / {rho(s.big.rhoMoveOi)}
        {ci(s.big.mapMinusMoveOi)}
      </td>
    </tr>
  )
}

function BarCheckResult({ r }: { r: SessionBarCheck }) {
  return (
    <div data-testid="map-bar-check-result">
      {r.unavailableReason && <p className="muted">{r.unavailableReason}</p>}
      {r.markets.map((m) => (
        <div key={m.key}>
          <h4>{m.key}</h4>
          <p className="muted small">
            Prices from {m.priceFrom}; bars not scored:{' '}
            {Object.entries(m.skipped)
              .map(([why, n]) => `${why} ${n}`)
              .join('; ') || 'none'}
          </p>
          <table className="evidence-table">
            <thead>
              <tr>
                <th>Side</th>
                <th>Bars</th>
                <th>Map in range</th>
                <th>ρ map</th>
                <th>ρ |move|</th>
                <th>ρ |move| × OI</th>
                <th>map − |move| × OI</th>
                <th>Moves ≥ {r.options.bigMovePct} %: bars: ρ map / ρ |move| × OI [CI of difference]</th>
              </tr>
            </thead>
            <tbody>
              <SideRow name="longs" s={m.long} />
              <SideRow name="shorts" s={m.short} />
            </tbody>
          </table>
        </div>
      ))}
      {r.skippedMarkets.length > 0 && (
        <ul className="muted small">
          {r.skippedMarkets.map((s) => (
            <li key={s.key}>
              {s.key}: not checked by bar ({s.reason})
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/**
 * The liquidation map checked against realized liquidation totals per bar, on a session of the library:
 * the figures `radar heatmap-check` prints (Spearman ρ of the map over each bar's exact range beside the
 * |move| and |move| × OI baselines, 95 % day-block bootstrap intervals), with the settings the radar uses.
 */
export function MapBarCheck({ api }: { api: RadarApi }) {
  const [sessions, setSessions] = useState<SessionSummary[]>([])
  const [path, setPath] = useState('')
  const [result, setResult] = useState<SessionBarCheck | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [running, setRunning] = useState(false)
  useEffect(() => {
    api.listSessions().then(setSessions, (e: Error) => setError(e.message))
  }, [api])
  const run = async (): Promise<void> => {
    setRunning(true)
    setError(null)
    setResult(null)
    try {
      setResult(await api.runBarCheck({ path }))
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setRunning(false)
    }
  }
  return (
    <section className="map-bar-check" data-testid="map-bar-check">
      <h3>Liquidation map against realized liquidations, by bar</h3>
      <p className="muted small">
        For each bar, the map at the bar&rsquo;s open queried over the range the bar travelled (longs open →
        low, shorts open → high), ranked against the realized liquidation totals (Spearman ρ) beside the price
        move alone and the move × open interest. Needs a session with liquidation bars (a bars import); the
        same figures as <code>radar heatmap-check</code>.
      </p>
      <fieldset disabled={running}>
        <label>
          Session{' '}
          <select value={path} onChange={(e) => setPath(e.target.value)}>
            <option value="">choose…</option>
            {sessions.map((s) => (
              <option key={s.path} value={s.path}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button onClick={() => void run()} disabled={path === ''}>
          Check the map
        </button>
        {running && <span className="muted">checking…</span>}
      </fieldset>
      {error && <p className="error">{error}</p>}
      {result && <BarCheckResult r={result} />}
    </section>
  )
}
