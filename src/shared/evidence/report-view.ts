import {
  POOLED_MARKET,
  type BinarySignalStats,
  type ContinuousSignalStats,
  type EventStudy,
  type EvidenceInterval,
  type EvidenceReport,
} from '../contract/evidence'
import { formatDuration } from '../scoring/metric'

/** Selections and number formats shared by the HTML report and the Evidence screen. */

export const fmtPct = (v: number | null, digits = 1): string =>
  v === null ? '—' : `${(v * 100).toFixed(digits)} %`

export const fmtNum = (v: number | null, digits = 2): string => (v === null ? '—' : v.toFixed(digits))

export const fmtCi = (ci: EvidenceInterval | null, f: (v: number) => string): string =>
  ci === null ? '' : `[${f(ci.lo)}, ${f(ci.hi)}]`

export const fmtDuration = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms))

export function signalName(report: EvidenceReport, id: string): string {
  return report.signals.find((s) => s.id === id)?.name ?? id
}

/** Binary rows of one market: the measurable ones first, by lift (highest first), then the thin ones. */
export function binaryRows(
  report: EvidenceReport,
  market = POOLED_MARKET,
): { ok: BinarySignalStats[]; thin: BinarySignalStats[] } {
  const rows = report.binary.filter((b) => b.market === market)
  const byLift = (a: BinarySignalStats, b: BinarySignalStats): number => (b.lift ?? -1) - (a.lift ?? -1)
  return {
    ok: rows.filter((r) => r.status === 'ok').sort(byLift),
    thin: rows.filter((r) => r.status !== 'ok').sort((a, b) => b.independentOnsets - a.independentOnsets),
  }
}

/**
 * For each score, the outcome rows to plot: those with enough events, else the one with the most outcome
 * events (plotted, and marked as not enough events).
 */
export function scorePlots(
  report: EvidenceReport,
  market = POOLED_MARKET,
  maxPerScore = 4,
): ContinuousSignalStats[] {
  const out: ContinuousSignalStats[] = []
  const scores = [...new Set(report.continuous.map((c) => c.signalId))]
  for (const id of scores) {
    if (!id.startsWith('score:')) continue
    const rows = report.continuous.filter((c) => c.signalId === id && c.market === market && c.auc !== null)
    const ok = rows.filter((r) => r.status === 'ok')
    if (ok.length) out.push(...ok.slice(0, maxPerScore))
    else {
      const best = [...rows].sort((a, b) => b.independentPositives - a.independentPositives)[0]
      if (best) out.push(best)
    }
  }
  return out
}

/** Event studies of one market, most onsets first. */
export function eventStudies(report: EvidenceReport, market = POOLED_MARKET, max = 12): EventStudy[] {
  return report.eventStudies
    .filter((e) => e.market === market)
    .sort((a, b) => b.onsets - a.onsets)
    .slice(0, max)
}

export function markets(report: EvidenceReport): string[] {
  return [POOLED_MARKET, ...report.sessions.flatMap((s) => s.markets)]
}

/**
 * AUC rows of every continuous metric and composite for one market: those with enough events first, by how far
 * the AUC lies from 0.5 (either way: a low AUC says low values precede the outcome), then the thin ones.
 */
export function continuousRows(
  report: EvidenceReport,
  market = POOLED_MARKET,
): { ok: ContinuousSignalStats[]; thin: ContinuousSignalStats[] } {
  const rows = report.continuous.filter((c) => c.market === market && c.auc !== null)
  const away = (c: ContinuousSignalStats): number => Math.abs((c.auc ?? 0.5) - 0.5)
  return {
    ok: rows.filter((r) => r.status === 'ok').sort((a, b) => away(b) - away(a)),
    thin: rows
      .filter((r) => r.status !== 'ok')
      .sort((a, b) => b.independentPositives - a.independentPositives),
  }
}

/** The question an outcome id stands for, as both renderings word it. */
export function outcomeQuestion(report: EvidenceReport, id: string): string {
  return report.outcomes.find((o) => o.id === id)?.question ?? id
}

export const isoTime = (ms: number | null): string =>
  ms === null ? '—' : new Date(ms).toISOString().replace('.000Z', 'Z')
