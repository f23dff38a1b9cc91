/**
 * The calibration and the markdown tables of scripts/evidence-2026.ts (docs/methodology.md is rewritten between
 * its markers with `--docs docs/methodology.md`, so the published table is always the script's own output).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { aucOf, blockBootstrapAuc } from '../src/shared/evidence/calibration/walk-forward'
import {
  compareBrier,
  fitPlatt,
  reliabilityWithIntervals,
  walkForwardPlatt,
  withinIntervals,
} from '../src/shared/scoring/calibration/platt'
import { verdictOf } from '../src/shared/scoring/calibration/lsi-calibration'
import type { LsiCalibration, SpikeCalibration } from '../src/shared/scoring/calibration/lsi-calibration'

const iso = (t: number): string => new Date(t).toISOString().slice(0, 10)
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`

/**
 * The classic index read as a probability of each liquidation spike: Platt scaling fitted walk-forward on
 * the same folds, judged out of sample (reliability bins with day-block intervals, Brier score against the
 * fold's base rate), then refitted on every labelled hour to be shipped. A mapping ships only when every
 * out-of-sample bin's prediction lies inside its observed rate's interval.
 */
export function calibrate(
  times: number[],
  classic: number[],
  outcomes: Record<string, (boolean | null)[]>,
  foldStarts: number[],
  oos: number[],
): LsiCalibration {
  const all = times.map((_, i) => i)
  const side = (outcome: string): SpikeCalibration => {
    const y = outcomes[outcome]!
    const { p, base } = walkForwardPlatt(classic, y, foldStarts, 4)
    const labelled = oos.filter((i) => y[i] !== null)
    const ci = blockBootstrapAuc(classic, y, labelled, 24, 1000, 7)!
    const auc = { value: aucOf(classic, y, labelled)!, lo: ci.lo, hi: ci.hi }
    const reliabilityBins = reliabilityWithIntervals(p, y, labelled, 5)
    const calibrated = withinIntervals(reliabilityBins)
    const known = all.filter((i) => y[i] !== null && Number.isFinite(classic[i]!))
    const brierVsBase = compareBrier(p, base, y, labelled)
    return {
      outcome,
      shipped: calibrated,
      mapping: fitPlatt(classic, y, known)!,
      baseRate: known.filter((i) => y[i]).length / known.length,
      auc,
      brier: brierVsBase,
      reliability: reliabilityBins,
      calibrated,
      verdict: verdictOf(auc, brierVsBase),
    }
  }
  const labelledAll = all.filter((i) => Number.isFinite(classic[i]!))
  return {
    id: 'lsi-2026',
    producedBy: 'npx tsx scripts/evidence-2026.ts --calibration resources/calibration/lsi-2026.json',
    producedOn: iso(Date.now()),
    data: 'btc_hourly_2026-03-01_2026-06-02.csv (liquidations: Binance + Bybit + OKX; OI: Binance)',
    market: 'BTC hourly',
    fitSpan: {
      from: iso(times[labelledAll[0]!]!),
      to: iso(times[labelledAll.at(-1)!]!),
      hours: labelledAll.length,
    },
    outOfSample: { from: iso(times[oos[0]!]!), to: iso(times[oos.at(-1)!]!), hours: oos.length },
    score: 'lsi-own: the classic stress index (default weights), 0–100',
    method:
      'Platt scaling p = 1/(1+exp(−(a + b·index))), b ≥ 0 (monotone), index clamped to the fitted range; walk-forward half-month folds from April for the evidence, then refitted on every labelled hour',
    horizonHours: 4,
    long: side('long-liquidation spike in 4 h'),
    short: side('short-liquidation spike in 4 h'),
  }
}

/** The calibration's markdown table for docs/methodology.md. */
export function calibrationTable(cal: LsiCalibration): string[] {
  const rows = [cal.long, cal.short].map((c) => {
    const b = c.brier
    const bins = c.reliability
      .map((r) => `${pct(r.predicted)} → ${pct(r.observed)} (${pct(r.lo)}–${pct(r.hi)}, ${r.n})`)
      .join('; ')
    return `| ${c.outcome} | ${pct(c.baseRate)} | ${b.model.toFixed(4)} vs ${b.baseRate.toFixed(4)} | ${b.skill.toFixed(3)} (${b.skillLo.toFixed(3)}–${b.skillHi.toFixed(3)}) | ${bins} | ${c.calibrated ? 'yes' : 'no'} |`
  })
  return [
    `Calibration (${cal.method}); out of sample ${cal.outOfSample.from} – ${cal.outOfSample.to}.`,
    '',
    '| outcome | base rate (fit span) | Brier: calibrated vs base rate | Brier skill (95 % CI) | reliability: predicted → observed (95 % CI, hours) | within CIs |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    ...[cal.long, cal.short].map(
      (c) =>
        `${c.outcome}: p = 1/(1+exp(−(${c.mapping.a.toFixed(4)} + ${c.mapping.b.toFixed(5)}·index))), index ${c.mapping.scoreMin.toFixed(1)}–${c.mapping.scoreMax.toFixed(1)}`,
    ),
  ]
}

/** One outcome's measured scores, as main() collects them. */
export interface OutcomeEvidence {
  outcome: string
  baseRate: number
  events: number
  independentEvents: number
  table: { label: string; auc: number | null; ci: { lo: number; hi: number } | null; n: number }[]
  /** The logistic composite's out-of-sample reliability bins. */
  reliability: { predicted: number; observed: number; n: number }[]
}

const COMPOSITES = ['classic index (seed weights)', 'walk-forward logistic composite']
const short = (outcome: string): string => outcome.replace('liquidation', 'liq')
const aucCell = (r: OutcomeEvidence['table'][number]): string =>
  r.auc === null
    ? 'n/a'
    : `${r.auc.toFixed(3)} (${r.ci ? `${r.ci.lo.toFixed(3)}–${r.ci.hi.toFixed(3)}` : 'n/a'})`

/**
 * The evidence table (one row per outcome, one column per score: AUC with its day-block interval), the
 * composites against their best single component, and the logistic composite's reliability bins.
 */
export function evidenceTable(rows: OutcomeEvidence[]): string[] {
  const labels = rows[0]!.table.map((r) => r.label)
  const out = [
    `| outcome (base rate; events, independent) | ${labels.join(' | ')} |`,
    `|${' --- |'.repeat(labels.length + 1)}`,
    ...rows.map(
      (o) =>
        `| ${short(o.outcome)} (${pct(o.baseRate)}; ${o.events}, ${o.independentEvents}) | ${o.table.map(aucCell).join(' | ')} |`,
    ),
    '',
  ]
  for (const o of rows) {
    const components = o.table.filter((r) => !COMPOSITES.includes(r.label) && r.auc !== null)
    const best = components.reduce((a, b) => (b.auc! > a.auc! ? b : a))
    const verdicts = o.table
      .filter((r) => COMPOSITES.includes(r.label) && r.auc !== null)
      .map((r) => `${r.label} ${r.auc!.toFixed(3)} ${r.auc! > best.auc! ? 'beats' : 'does not beat'} it`)
    out.push(
      `- ${short(o.outcome)}: best single component ${best.label} ${best.auc!.toFixed(3)}; ${verdicts.join('; ')}. Logistic composite reliability (predicted → observed, hours): ${o.reliability.map((b) => `${pct(b.predicted)} → ${pct(b.observed)} (${b.n})`).join('; ')}.`,
    )
  }
  return out
}

/** Replaces the lines between `<!-- name:start -->` and `<!-- name:end -->` in a markdown file. */
export function replaceBetweenMarkers(path: string, name: string, lines: string[]): void {
  const text = readFileSync(path, 'utf8')
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) throw new Error(`${path}: markers ${start} … ${end} not found`)
  writeFileSync(path, `${text.slice(0, a + start.length)}\n\n${lines.join('\n')}\n\n${text.slice(b)}`)
}
