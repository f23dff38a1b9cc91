import type { EvidenceReport } from '../../../../shared/contract/evidence'
import { formatHorizon, formatPct } from '../../../../shared/evidence/horizons'
import { isoTime } from '../../../../shared/evidence/report-view'
import { EvidenceReportBody } from './evidence-report-body'

/** Inline style of the saved file: it must open anywhere, with nothing fetched and no script. */
const CSS = `body{font:13px/1.45 system-ui,sans-serif;margin:24px;color:#1b1f24;background:#fff}
.evidence-table{border-collapse:collapse;margin:8px 0 20px}.evidence-table td,.evidence-table th{border:1px solid #d0d7de;padding:3px 7px;text-align:left;vertical-align:top}
.evidence-table th{background:#f3f5f7}tr.thin{color:#6e7781}.evidence-plots{display:flex;flex-wrap:wrap;gap:8px}
.evidence-plot{margin:6px 10px 12px 0;width:260px;font-size:11px}.notice{background:#fff8c5;padding:6px 10px;border-radius:4px}`

/** The whole Evidence report as one self-contained page, drawn by the screen's own components. */
export function EvidenceHtmlPage({ report }: { report: EvidenceReport }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>Leverage Radar — Evidence</title>
        <style>{CSS}</style>
      </head>
      <body>
        <h1>Evidence: how each signal warned before large moves</h1>
        <p>
          Generated {isoTime(report.generatedAtMs)}. Horizons{' '}
          {report.horizonsMs.map(formatHorizon).join(', ')}; moves {report.moves.map(formatPct).join(', ')}.
          Figures for all markets pooled.
        </p>
        <EvidenceReportBody report={report} />
      </body>
    </html>
  )
}
