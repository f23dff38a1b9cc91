import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import type { EvidenceReport } from '../../../shared/contract/evidence'
import { EvidenceHtmlPage } from '../../../renderer/src/evidence/report/evidence-html-page'

/**
 * The Evidence report as one self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched),
 * rendered from the Evidence screen's own React components, so the file and the screen cannot disagree.
 */
export function renderEvidenceHtml(report: EvidenceReport): string {
  return `<!doctype html>${renderToStaticMarkup(createElement(EvidenceHtmlPage, { report }))}\n`
}
