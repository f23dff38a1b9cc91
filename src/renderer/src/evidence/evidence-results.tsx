import { useState } from 'react'
import { POOLED_MARKET, type BinarySignalStats, type EvidenceReport } from '../../../shared/contract/evidence'
import {
  binaryRows,
  eventStudies,
  fmtCi,
  fmtDuration,
  fmtNum,
  fmtPct,
  markets,
  scorePlots,
  signalName,
} from '../../../shared/evidence/report-view'
import { CalibrationPlot, EventStudyPlot, RocPlot } from './evidence-plots'

function BinaryTable({ rows, report }: { rows: BinarySignalStats[]; report: EvidenceReport }) {
  return (
    <table className="evidence-table">
      <thead>
        <tr>
          <th>signal</th>
          <th>outcome</th>
          <th>onsets</th>
          <th>hits</th>
          <th>hit rate [95 % CI]</th>
          <th>base rate</th>
          <th>lift [95 % CI]</th>
          <th>median lead</th>
          <th>status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => (
          <tr key={`${b.signalId}|${b.outcomeId}`} className={b.status === 'ok' ? '' : 'thin'}>
            <td>{signalName(report, b.signalId)}</td>
            <td>{b.outcomeId}</td>
            <td>{b.independentOnsets}</td>
            <td>{b.hits}</td>
            <td>
              {fmtPct(b.hitRate)} {fmtCi(b.hitRateCi95, (v) => fmtPct(v, 0))}
            </td>
            <td>{fmtPct(b.baseRate)}</td>
            <td>
              {fmtNum(b.lift)} {fmtCi(b.liftCi95, (v) => v.toFixed(2))}
            </td>
            <td>{fmtDuration(b.leadTime.medianMs)}</td>
            <td>{b.statusReason ?? 'ok'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The report of one run: sessions and their look-ahead check, base rates, signal tables and plots. */
export function EvidenceResults({ report }: { report: EvidenceReport }) {
  const [market, setMarket] = useState(POOLED_MARKET)
  const { ok, thin } = binaryRows(report, market)
  const base = report.baseRates.filter(
    (b) => b.market === market || (market === POOLED_MARKET && b.rate === null),
  )
  return (
    <div className="evidence-results">
      {report.notes.map((n) => (
        <p key={n} className="notice">
          {n}
        </p>
      ))}
      <h3>Sessions</h3>
      <ul>
        {report.sessions.map((s) => (
          <li key={s.path}>
            <b>{s.label}</b> — {s.samples} samples every {fmtDuration(s.sampleStepMs)}; look-ahead check:{' '}
            {s.lookAhead.passed === null ? 'not run' : s.lookAhead.passed ? 'passed' : 'FAILED'} (
            {s.lookAhead.detail})
            {s.notes.map((n) => (
              <div key={n} className="muted">
                {n}
              </div>
            ))}
          </li>
        ))}
      </ul>
      <label>
        Market{' '}
        <select value={market} onChange={(e) => setMarket(e.target.value)}>
          {markets(report).map((m) => (
            <option key={m} value={m}>
              {m === POOLED_MARKET ? 'all markets pooled' : m}
            </option>
          ))}
        </select>
      </label>
      <h3>Base rates</h3>
      <table className="evidence-table">
        <thead>
          <tr>
            <th>question</th>
            <th>market</th>
            <th>rate [95 % CI]</th>
            <th>independent windows</th>
            <th>events</th>
          </tr>
        </thead>
        <tbody>
          {base.map((b) => (
            <tr key={`${b.outcomeId}|${b.market}`}>
              <td>{report.outcomes.find((o) => o.id === b.outcomeId)?.question ?? b.outcomeId}</td>
              <td>{b.market}</td>
              <td>
                {b.rate === null
                  ? b.unavailableReason
                  : `${fmtPct(b.rate)} ${fmtCi(b.ci95, (v) => fmtPct(v, 0))}`}
              </td>
              <td>{b.independentWindows}</td>
              <td>{b.independentEvents}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>On/off signals with enough events ({ok.length})</h3>
      {ok.length ? (
        <BinaryTable rows={ok} report={report} />
      ) : (
        <p>None: every signal had fewer than {report.minEvents} independent onsets.</p>
      )}
      <details>
        <summary>Not enough events ({thin.length})</summary>
        <BinaryTable rows={thin} report={report} />
      </details>
      <h3>Scores: ROC and calibration</h3>
      <div className="evidence-plots">
        {scorePlots(report, market).map((c) => (
          <div key={`${c.signalId}|${c.outcomeId}`}>
            <RocPlot row={c} name={signalName(report, c.signalId)} />
            <CalibrationPlot row={c} name={signalName(report, c.signalId)} />
          </div>
        ))}
      </div>
      <h3>Event studies</h3>
      <div className="evidence-plots">
        {eventStudies(report, market).map((e) => (
          <EventStudyPlot key={e.signalId} study={e} name={signalName(report, e.signalId)} />
        ))}
      </div>
    </div>
  )
}
