import {
  POOLED_MARKET,
  type BinarySignalStats,
  type ContinuousSignalStats,
  type EventStudy,
  type EvidenceReport,
} from '../contract/evidence'
import { formatHorizon, formatPct } from './horizons'
import { DEFAULT_BOX, calibrationGeometry, eventStudyGeometry, rocGeometry } from './plot-geometry'
import {
  binaryRows,
  eventStudies,
  fmtCi,
  fmtDuration,
  fmtNum,
  fmtPct,
  scorePlots,
  signalName,
} from './report-view'

/** The Evidence report as one self-contained HTML file: inline CSS and SVG, no scripts, nothing fetched. */

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const iso = (ms: number | null): string =>
  ms === null ? '—' : new Date(ms).toISOString().replace('.000Z', 'Z')

const { width: W, height: H, pad: P } = DEFAULT_BOX

function frame(title: string, body: string, xLabel: string, yLabel: string): string {
  return `<figure><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">
<rect x="${P}" y="${P}" width="${W - 2 * P}" height="${H - 2 * P}" class="axes"/>${body}
<text x="${W / 2}" y="${H - 6}" class="lbl" text-anchor="middle">${esc(xLabel)}</text>
<text x="10" y="${H / 2}" class="lbl" text-anchor="middle" transform="rotate(-90 10 ${H / 2})">${esc(yLabel)}</text>
</svg><figcaption>${esc(title)}</figcaption></figure>`
}

function rocSvg(c: ContinuousSignalStats, report: EvidenceReport): string {
  const g = rocGeometry(c.roc)
  const flag = c.status === 'ok' ? '' : ' — not enough events'
  return frame(
    `${signalName(report, c.signalId)} → ${c.outcomeId}: AUC ${fmtNum(c.auc)} ${fmtCi(c.aucCi95, (v) => v.toFixed(2))}${flag}`,
    `<path d="${g.diagonal}" class="diag"/><path d="${g.curve}" class="line"/>`,
    'false positive rate',
    'true positive rate',
  )
}

function calibrationSvg(c: ContinuousSignalStats, report: EvidenceReport): string {
  const { marks, yMax } = calibrationGeometry(c.calibration)
  const body = marks
    .map(
      (m) =>
        `<line x1="${m.cx}" x2="${m.cx}" y1="${m.y1}" y2="${m.y2}" class="ci"/><circle cx="${m.cx}" cy="${m.cy}" r="3" class="dot"><title>${esc(m.label)}</title></circle>`,
    )
    .join('')
  return frame(
    `${signalName(report, c.signalId)} → ${c.outcomeId}: outcome rate per score bin (0–${fmtPct(yMax, 0)})`,
    body,
    'score 0–100',
    'outcome rate',
  )
}

function eventStudySvg(e: EventStudy, report: EvidenceReport): string {
  const g = eventStudyGeometry(e)
  return frame(
    `${signalName(report, e.signalId)}: mean price path around ${e.onsets} onset${e.onsets === 1 ? '' : 's'} (±${fmtPct(g.yAbs, 2)}, ${fmtDuration(-g.xMinMs)} each side)`,
    `<line x1="${P}" x2="${W - P}" y1="${g.zeroY}" y2="${g.zeroY}" class="diag"/><line x1="${g.onsetX}" x2="${g.onsetX}" y1="${P}" y2="${H - P}" class="diag"/><path d="${g.path}" class="line"/>`,
    'time from onset',
    'mean return',
  )
}

function binaryTable(rows: BinarySignalStats[], report: EvidenceReport): string {
  const body = rows
    .map(
      (
        b,
      ) => `<tr${b.status === 'ok' ? '' : ' class="thin"'}><td>${esc(signalName(report, b.signalId))}</td><td>${esc(b.outcomeId)}</td><td>${b.independentOnsets}</td><td>${b.hits}</td>
<td>${fmtPct(b.hitRate)} ${fmtCi(b.hitRateCi95, (v) => fmtPct(v, 0))}</td><td>${fmtPct(b.baseRate)}</td><td>${fmtNum(b.lift)} ${fmtCi(b.liftCi95, (v) => v.toFixed(2))}</td>
<td>${fmtDuration(b.leadTime.medianMs)}</td><td>${esc(b.statusReason ?? 'ok')}</td></tr>`,
    )
    .join('\n')
  return `<table><thead><tr><th>signal</th><th>outcome</th><th>independent onsets</th><th>hits</th><th>hit rate [95 % CI]</th><th>base rate</th><th>lift [95 % CI]</th><th>median lead</th><th>status</th></tr></thead><tbody>${body}</tbody></table>`
}

export function renderEvidenceHtml(report: EvidenceReport): string {
  const sessions = report.sessions
    .map(
      (
        s,
      ) => `<tr><td>${esc(s.label)}</td><td>${iso(s.startTsMs)} → ${iso(s.endTsMs)}</td><td>${esc(s.markets.join(', ') || '—')}</td>
<td>${s.samples} × ${fmtDuration(s.sampleStepMs)}</td><td>${s.lookAhead.passed === null ? 'not run' : s.lookAhead.passed ? 'passed' : '<b>FAILED</b>'}: ${esc(s.lookAhead.detail)}</td>
<td>${s.notes.map(esc).join('<br>')}</td></tr>`,
    )
    .join('\n')
  const base = report.baseRates
    .filter((b) => b.market === POOLED_MARKET || b.unavailableReason !== null)
    .map((b) => {
      const q = report.outcomes.find((o) => o.id === b.outcomeId)?.question ?? b.outcomeId
      return `<tr><td>${esc(q)}</td><td>${esc(b.market)}</td><td>${b.rate === null ? esc(b.unavailableReason ?? '—') : `${fmtPct(b.rate)} ${fmtCi(b.ci95, (v) => fmtPct(v, 0))}`}</td><td>${b.samplesEvaluable}</td><td>${b.independentWindows}</td><td>${b.independentEvents}</td></tr>`
    })
    .join('\n')
  const { ok, thin } = binaryRows(report)
  const plots = scorePlots(report)
  const studies = eventStudies(report)
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Leverage Radar — Evidence</title>
<style>
body{font:13px/1.45 system-ui,sans-serif;margin:24px;color:#1b1f24;background:#fff}
table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #d0d7de;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f3f5f7}tr.thin{color:#6e7781}figure{display:inline-block;margin:6px 10px 12px 0;vertical-align:top;width:${W}px}
figcaption{font-size:11px}.axes{fill:none;stroke:#8c959f}.diag{stroke:#afb8c1;stroke-dasharray:3 3;fill:none}
.line{stroke:#0969da;stroke-width:1.6;fill:none}.dot{fill:#0969da}.ci{stroke:#0969da}.lbl{font-size:10px;fill:#57606a}
.note{background:#fff8c5;padding:6px 10px;border-radius:4px}
</style></head><body>
<h1>Evidence: how each signal warned before large moves</h1>
<p>Generated ${iso(report.generatedAtMs)}. Horizons ${report.horizonsMs.map(formatHorizon).join(', ')}; moves ${report.moves.map(formatPct).join(', ')}.
A figure needs ${report.minEvents} independent events; below that it is marked <i>not enough events</i> and is no finding.
Hit rate = share of signal onsets (kept one horizon apart) followed by the outcome within the horizon; base rate = share of all sample
times followed by it; lift = hit rate / base rate.</p>
${report.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
<h2>Sessions</h2><table><thead><tr><th>session</th><th>span (UTC)</th><th>perpetual markets</th><th>samples</th><th>look-ahead check</th><th>notes</th></tr></thead><tbody>${sessions}</tbody></table>
<h2>Base rates (all markets pooled)</h2><table><thead><tr><th>question</th><th>market</th><th>rate [95 % CI]</th><th>samples</th><th>independent windows</th><th>independent events</th></tr></thead><tbody>${base}</tbody></table>
<h2>On/off signals with enough events (${ok.length})</h2>${ok.length ? binaryTable(ok, report) : '<p>None: every signal had fewer independent onsets than required.</p>'}
<details><summary>Not enough events (${thin.length} signal × outcome pairs)</summary>${binaryTable(thin, report)}</details>
<h2>Continuous scores: ROC and calibration</h2>
${plots.map((c) => rocSvg(c, report) + calibrationSvg(c, report)).join('\n') || '<p>No score had a measurable outcome.</p>'}
<h2>Event studies: mean price path around signal onsets</h2>
${studies.map((e) => eventStudySvg(e, report)).join('\n') || '<p>No signal onset with prices around it.</p>'}
</body></html>
`
}
