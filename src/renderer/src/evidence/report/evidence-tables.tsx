import type {
  BinarySignalStats,
  ContinuousSignalStats,
  EvidenceBaseRate,
  EvidenceReport,
} from '../../../../shared/contract/evidence'
import {
  fmtCi,
  fmtDuration,
  fmtNum,
  fmtPct,
  isoTime,
  outcomeQuestion,
  signalName,
} from '../../../../shared/evidence/report-view'

/** Tables of the Evidence report, shared by the screen and the saved HTML file (rendered by react-dom/server). */

const status = (r: { status: string; statusReason: string | null }): string =>
  r.status === 'ok' ? 'ok' : `not enough events: ${r.statusReason ?? ''}`

/** Each on/off signal beside its complement (the same label showing another value, the tag not shown). */
export function BinaryTable({ rows, report }: { rows: BinarySignalStats[]; report: EvidenceReport }) {
  return (
    <table className="evidence-table">
      <thead>
        <tr>
          <th rowSpan={2}>signal</th>
          <th rowSpan={2}>outcome</th>
          <th colSpan={7}>when the signal starts</th>
          <th colSpan={4}>when its complement starts (signal off)</th>
        </tr>
        <tr>
          <th>onsets</th>
          <th>hits</th>
          <th>hit rate [95 % CI]</th>
          <th>base rate</th>
          <th>lift [95 % CI]</th>
          <th>median lead</th>
          <th>status</th>
          <th>onsets</th>
          <th>hit rate [95 % CI]</th>
          <th>lift [95 % CI]</th>
          <th>status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => {
          const c = b.complement ?? null
          return (
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
              <td>{status(b)}</td>
              {c ? (
                <>
                  <td>{c.independentOnsets}</td>
                  <td>
                    {fmtPct(c.hitRate)} {fmtCi(c.hitRateCi95, (v) => fmtPct(v, 0))}
                  </td>
                  <td>
                    {fmtNum(c.lift)} {fmtCi(c.liftCi95, (v) => v.toFixed(2))}
                  </td>
                  <td>{status(c)}</td>
                </>
              ) : (
                <td colSpan={4}>never started in the measured span</td>
              )}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/** AUC of every continuous metric and composite against each outcome. */
export function ContinuousTable({ rows, report }: { rows: ContinuousSignalStats[]; report: EvidenceReport }) {
  return (
    <table className="evidence-table">
      <thead>
        <tr>
          <th>metric</th>
          <th>outcome</th>
          <th>AUC [95 % CI]</th>
          <th>outcome events</th>
          <th>samples</th>
          <th>status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={`${c.signalId}|${c.outcomeId}`} className={c.status === 'ok' ? '' : 'thin'}>
            <td>{signalName(report, c.signalId)}</td>
            <td>{c.outcomeId}</td>
            <td>
              {fmtNum(c.auc)} {fmtCi(c.aucCi95, (v) => v.toFixed(2))}
            </td>
            <td>{c.independentPositives}</td>
            <td>{c.samples}</td>
            <td>{status(c)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function BaseRateTable({ rows, report }: { rows: EvidenceBaseRate[]; report: EvidenceReport }) {
  return (
    <table className="evidence-table">
      <thead>
        <tr>
          <th>question</th>
          <th>market</th>
          <th>rate [95 % CI]</th>
          <th>samples</th>
          <th>independent windows</th>
          <th>independent events</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => (
          <tr key={`${b.outcomeId}|${b.market}`}>
            <td>{outcomeQuestion(report, b.outcomeId)}</td>
            <td>{b.market}</td>
            <td>
              {b.rate === null
                ? b.unavailableReason
                : `${fmtPct(b.rate)} ${fmtCi(b.ci95, (v) => fmtPct(v, 0))}`}
            </td>
            <td>{b.samplesEvaluable}</td>
            <td>{b.independentWindows}</td>
            <td>{b.independentEvents}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function SessionTable({ report }: { report: EvidenceReport }) {
  return (
    <table className="evidence-table">
      <thead>
        <tr>
          <th>session</th>
          <th>span (UTC)</th>
          <th>perpetual markets</th>
          <th>samples</th>
          <th>look-ahead check</th>
          <th>notes</th>
        </tr>
      </thead>
      <tbody>
        {report.sessions.map((s) => (
          <tr key={s.path}>
            <td>{s.label}</td>
            <td>
              {isoTime(s.startTsMs)} → {isoTime(s.endTsMs)}
            </td>
            <td>{s.markets.join(', ') || '—'}</td>
            <td>
              {s.samples} × {fmtDuration(s.sampleStepMs)}
            </td>
            <td>
              {s.lookAhead.passed === null ? 'not run' : s.lookAhead.passed ? 'passed' : <b>FAILED</b>}:{' '}
              {s.lookAhead.detail}
            </td>
            <td>
              {s.notes.map((n) => (
                <div key={n}>{n}</div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
