import type { ScoringConfig } from '../config'
import { DEFAULT_SCORING_CONFIG } from '../config'
import { na, ok } from '../metric'
import type { Metric } from '../snapshot'
import type { BrierComparison, ReliabilityBin } from './platt'
import type { PlattMapping } from './platt-mapping'
import { LSI_CALIBRATION_2026 } from './lsi-2026'
import { plattProbability } from './platt-mapping'

/**
 * The stress index read as a probability: "long-liquidation spike in 4 h: 8 % vs 6.6 % usual". The mapping
 * and its out-of-sample evidence come from a dated resource written by `scripts/evidence-2026.ts
 * --calibration` (resources/calibration/lsi-2026.json); this module only reads it.
 */

/** One outcome's calibration, as the resource file holds it. */
export interface SpikeCalibration {
  outcome: string
  /** The mapping is used only when its out-of-sample reliability bins are calibrated within their intervals. */
  shipped: boolean
  mapping: PlattMapping
  /** Share of hours followed by a spike over the whole fit span: "the usual". */
  baseRate: number
  /** The classic index's out-of-sample AUC for this outcome, with its 95 % day-block interval. */
  auc: { value: number; lo: number; hi: number }
  brier: BrierComparison
  reliability: ReliabilityBin[]
  calibrated: boolean
  /** One plain line of what the evidence says. */
  verdict: string
}

export interface LsiCalibration {
  id: string
  producedBy: string
  producedOn: string
  data: string
  market: string
  fitSpan: { from: string; to: string; hours: number }
  outOfSample: { from: string; to: string; hours: number }
  score: string
  method: string
  horizonHours: number
  long: SpikeCalibration
  short: SpikeCalibration
}

export const SPIKE_PROBABILITY_IDS = {
  long: 'lsi-p-long-4h',
  short: 'lsi-p-short-4h',
} as const

export const PROBABILITY_UNIT = 'probability 0-1'

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`

/** The line shown beside a probability: where the mapping was fitted and what the evidence says it is worth. */
export function calibrationNote(cal: LsiCalibration, side: 'long' | 'short'): string {
  return `fitted on ${cal.market} ${cal.fitSpan.from} – ${cal.fitSpan.to}; ${cal[side].verdict}`
}

/**
 * What the evidence says in one line: does the index rank spikes better than chance (the AUC interval above
 * 0.5), and does the probability forecast better than saying "the usual rate" every hour (Brier skill)?
 */
export function verdictOf(
  auc: { value: number; lo: number; hi: number },
  brier: Pick<BrierComparison, 'skill' | 'skillLo'>,
): string {
  const figure = `AUC ${auc.value.toFixed(2)}, 95 % ${auc.lo.toFixed(2)}–${auc.hi.toFixed(2)}`
  const ranking =
    auc.lo > 0.5
      ? `ranks spikes a little better than chance (${figure})`
      : `no demonstrated skill (${figure}, includes 0.5)`
  const forecast =
    brier.skillLo > 0 ? 'forecasts better than the usual rate' : 'forecasts no better than the usual rate'
  return `${ranking}; ${forecast}`
}

/**
 * The probability of a spike in the next 4 h from the market's own stress index (`lsi-own`, the index the
 * mapping was fitted on), with the index's coverage. A partial or missing index gives no probability, and
 * neither does a mapping whose out-of-sample reliability failed.
 */
export function spikeProbability(
  own: Metric | undefined,
  cal: LsiCalibration,
  side: 'long' | 'short',
): Metric {
  const c = cal[side]
  if (!c.shipped)
    return na(PROBABILITY_UNIT, `not calibrated: ${c.outcome} out of sample did not match its predictions`)
  if (!own) return na(PROBABILITY_UNIT, 'no stress index')
  if (own.value === null) {
    const cov = own.coverage
    const why = cov?.partial
      ? `partial stress index (${cov.present} of ${cov.total} inputs, ${Math.round(100 * cov.weightShare)} % of the weight): no probability`
      : `no stress index: ${own.reason ?? 'no inputs'}`
    const m = na(PROBABILITY_UNIT, why, own.asOfMs)
    if (cov) m.coverage = { ...cov, partialValue: null }
    return m
  }
  const m = ok(plattProbability(c.mapping, own.value), PROBABILITY_UNIT, own.asOfMs)
  m.reason = `vs ${pct(c.baseRate)} usual; ${calibrationNote(cal, side)}`
  if (own.coverage) m.coverage = { ...own.coverage, partialValue: null }
  return m
}

/** The settings the index's value depends on: the calibration holds only for the defaults it was fitted on. */
function fittedSettingsChanged(cfg: ScoringConfig): boolean {
  const d = DEFAULT_SCORING_CONFIG
  return (
    cfg.oiBuildFullScale !== d.oiBuildFullScale ||
    cfg.liqProximityFullScaleOiFraction !== d.liqProximityFullScaleOiFraction ||
    cfg.volContractRatio !== d.volContractRatio ||
    Object.entries(d.lsiWeights).some(([k, w]) => cfg.lsiWeights[k as keyof typeof d.lsiWeights] !== w)
  )
}

/**
 * Writes `lsi-p-long-4h` and `lsi-p-short-4h` beside the stress index: none for spot markets, none when the
 * index's weights or scales were changed in Settings (the mapping was fitted on the defaults).
 */
export function writeSpikeProbabilities(
  out: Record<string, Metric>,
  cfg: ScoringConfig,
  isPerp: boolean,
  cal: LsiCalibration = LSI_CALIBRATION_2026,
): void {
  for (const side of ['long', 'short'] as const) {
    const id = SPIKE_PROBABILITY_IDS[side]
    if (!isPerp) out[id] = na(PROBABILITY_UNIT, 'spot market: no leverage to stress')
    else if (fittedSettingsChanged(cfg))
      out[id] = na(
        PROBABILITY_UNIT,
        'the stress index’s weights or scales differ from the defaults the calibration was fitted on',
        out['lsi-own']?.asOfMs ?? null,
      )
    else out[id] = spikeProbability(out['lsi-own'], cal, side)
  }
}

/** What a screen or the CLI prints for one side: the probability beside the usual rate, or why there is none. */
export interface SpikeOddsText {
  side: 'long' | 'short'
  /** "long-liq spike in 4 h: 7.6 % vs 6.4 % usual", or "long-liq spike in 4 h: n/a". */
  text: string
  /** The probability alone ("7.6 %"), or "n/a". */
  value: string
  /** Where the mapping was fitted, what the evidence says, and the index's coverage; or the reason it is n/a. */
  note: string
}

export function spikeOddsText(
  metrics: Record<string, Metric | undefined>,
  side: 'long' | 'short',
  cal: LsiCalibration = LSI_CALIBRATION_2026,
): SpikeOddsText {
  const m = metrics[SPIKE_PROBABILITY_IDS[side]]
  const head = `${side}-liq spike in 4 h`
  if (!m || m.value === null)
    return { side, text: `${head}: n/a`, value: 'n/a', note: m?.reason ?? 'no stress index' }
  const cov = m.coverage
  const coverage = cov
    ? `; index on ${cov.present} of ${cov.total} inputs (${Math.round(100 * cov.weightShare)} % of the weight)`
    : ''
  return {
    side,
    text: `${head}: ${pct(m.value)} vs ${pct(cal[side].baseRate)} usual`,
    value: pct(m.value),
    note: `${calibrationNote(cal, side)}${coverage}`,
  }
}

/** One line per side for a terminal: the probability beside the usual rate, then its note or its reason. */
export function spikeOddsLines(metrics: Record<string, Metric | undefined>): string[] {
  return (['long', 'short'] as const).map((side) => {
    const o = spikeOddsText(metrics, side)
    return `${o.text} (${o.note})`
  })
}

/**
 * The shipped calibration's out-of-sample reliability bins in the shape Evidence draws (predicted probability,
 * observed rate, hours): long-liquidation spikes in 4 h, BTC hourly 2026.
 */
export function lsiReliabilityPoints(
  cal: LsiCalibration = LSI_CALIBRATION_2026,
  side: 'long' | 'short' = 'long',
): { predicted: number; observed: number; n: number }[] {
  return cal[side].reliability.map(({ predicted, observed, n }) => ({ predicted, observed, n }))
}

/** Says where the reliability bins Evidence draws come from: the shipped calibration, not the run's sessions. */
export function lsiReliabilityNote(cal: LsiCalibration = LSI_CALIBRATION_2026): string {
  return `Reliability diagram: the shipped calibration of the stress index (${cal.long.outcome}, ${cal.market}, out of sample ${cal.outOfSample.from} – ${cal.outOfSample.to}, ${cal.long.verdict}), not the sessions of this run.`
}
