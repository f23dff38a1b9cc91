import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { buildEvidenceReport } from '../../../shared/evidence/build-report'
import { DROP_SESSION_INFO, dropSession, MIN } from '../../../shared/evidence/test-series'
import { EvidenceReportBody } from '../../../renderer/src/evidence/report/evidence-report-body'
import { renderEvidenceHtml } from './evidence-html'

/** Five drops: below the default 10 independent events every figure is thin. */
const report = () =>
  buildEvidenceReport({
    sessions: [{ info: DROP_SESSION_INFO, sampled: dropSession() }],
    horizonsMs: [5 * MIN],
    moves: [0.05],
    nowMs: Date.UTC(2026, 11, 7),
  })

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

describe('Evidence HTML report', () => {
  it('is the screen component rendered whole: thin figures say "not enough events" in both', () => {
    const r = report()
    const page = renderEvidenceHtml(r)
    const screen = renderToStaticMarkup(createElement(EvidenceReportBody, { report: r }))
    expect(page).toMatch(/^<!doctype html><html lang="en">/)
    expect(page).not.toMatch(/<script|src="http|href="http/)
    // the page holds the screen's markup as it is
    expect(page).toContain(screen)
    // 5 onsets of "risk-level: high" against the 10 required; its complement and the metric's AUC too
    const t = text(page)
    expect(t).toContain('On/off signals with enough events (0)')
    expect(t).toContain('not enough events: 5 independent onsets with a measurable window (needs 10)')
    expect(t).toContain('Continuous metrics and composites: AUC (0 with enough events)')
    expect(t).toContain('label:risk-level=high')
    expect(t).toContain('metric:oi-roc-4h drop-5%-5m 1.00')
  })

  it('draws the reliability diagram of the calibrated index when the report has one', () => {
    const r = report()
    // Every report carries the shipped calibration's out-of-sample bins, and a note that says so.
    expect(r.reliability).toHaveLength(5)
    expect(r.notes.at(-1)).toMatch(/^Reliability diagram: the shipped calibration of the stress index/)
    expect(renderEvidenceHtml({ ...r, reliability: undefined })).not.toContain(
      'Calibrated stress index, out of sample',
    )
    r.reliability = [
      { predicted: 0.05, observed: 0.04, n: 300 },
      { predicted: 0.2, observed: 0.25, n: 75 },
    ]
    const page = renderEvidenceHtml(r)
    // axes run to the largest value, 0.25 → "0–25 %"; 375 samples in all; one dot per bin
    expect(page).toContain(
      'Calibrated stress index, out of sample: observed against predicted (0–25 %, 375 samples)',
    )
    expect(page.match(/predicted \d+\.\d %, observed/g)).toHaveLength(2)
  })
})
