import type { ReactNode } from 'react'
import { POOLED_MARKET, type EvidenceReport } from '../../../../shared/contract/evidence'
import {
  binaryRows,
  continuousRows,
  eventStudies,
  scorePlots,
  signalName,
} from '../../../../shared/evidence/report-view'
import { CalibrationPlot, EventStudyPlot, ReliabilityPlot, RocPlot } from './evidence-plots'
import { BaseRateTable, BinaryTable, ContinuousTable, SessionTable } from './evidence-tables'

/**
 * The Evidence report for one market (or all pooled): the same component draws the screen and the saved HTML
 * file, so a figure marked "not enough events" on one is marked so on the other.
 */
export function EvidenceReportBody({
  report,
  market = POOLED_MARKET,
  picker,
}: {
  report: EvidenceReport
  market?: string
  /** The screen's market selector; the saved file shows the pooled figures without one. */
  picker?: ReactNode
}) {
  const { ok, thin } = binaryRows(report, market)
  const cont = continuousRows(report, market)
  const base = report.baseRates.filter(
    (b) => b.market === market || (market === POOLED_MARKET && b.rate === null),
  )
  return (
    <div className="evidence-results">
      <p>
        A figure needs {report.minEvents} independent events; below that it is marked <i>not enough events</i>{' '}
        and is no finding. Hit rate = share of signal onsets (kept one horizon apart) followed by the outcome
        within the horizon; base rate = share of all sample times followed by it; lift = hit rate / base rate.
        Each on/off signal is shown beside its complement.
      </p>
      {report.notes.map((n) => (
        <p key={n} className="notice">
          {n}
        </p>
      ))}
      <h3>Sessions</h3>
      <SessionTable report={report} />
      {picker}
      <h3>Base rates</h3>
      <BaseRateTable rows={base} report={report} />
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
      <h3>Continuous metrics and composites: AUC ({cont.ok.length} with enough events)</h3>
      <p>
        AUC = chance that a time followed by the outcome reads higher than one that is not (0.5: no
        information; below 0.5: low values precede it). Interval by Hanley–McNeil on independent counts.
      </p>
      {cont.ok.length ? (
        <ContinuousTable rows={cont.ok} report={report} />
      ) : (
        <p>None: every metric had fewer than {report.minEvents} independent outcome events.</p>
      )}
      <details>
        <summary>Not enough events ({cont.thin.length})</summary>
        <ContinuousTable rows={cont.thin} report={report} />
      </details>
      <h3>Scores: ROC and calibration</h3>
      <div className="evidence-plots">
        {report.reliability && report.reliability.length > 0 && (
          <ReliabilityPlot points={report.reliability} />
        )}
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
