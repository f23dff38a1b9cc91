import type { ScoringConfig } from '../config'
import { writeSpikeProbabilities } from '../calibration/lsi-calibration'
import type { EvalContext } from '../eval-context'
import { clamp01, na, ok } from '../metric'
import type { Metric } from '../snapshot'
import type { Part, Signals } from './signals'
import { compositeMetric, part, weightedMean } from './signals'

export const LEVELS = ['low', 'medium', 'high'] as const

/** The four normalized 0..1 components of the Leverage Stress Index. */
export function lsiParts(
  s: Signals,
  cfg: ScoringConfig,
  metrics: Record<string, Metric>,
): Record<keyof ScoringConfig['lsiWeights'], Part> {
  const p = s.funding.percentile
  const vr = s.vol.ratio
  return {
    // How far funding sits from its own median, either side.
    fundingStress: part(
      p === null ? null : Math.abs(2 * p - 1),
      metrics['funding-percentile']?.reason ?? null,
    ),
    // Only growth counts: shrinking OI is deleveraging, not stress building.
    oiBuild: part(
      s.oi.roc24h === null ? null : clamp01(s.oi.roc24h / cfg.oiBuildFullScale),
      metrics['oi-roc-24h']?.reason ?? null,
    ),
    liquidationProximity: part(s.liqProximity01, s.liqProximityReason),
    // Short / long volatility: contraction maps to 0, a doubling to 1.
    volatility: part(
      vr === null ? null : clamp01((vr - cfg.volContractRatio) / (2 - cfg.volContractRatio)),
      metrics['vol-ratio']?.reason ?? null,
    ),
  }
}

const PART_IDS: Record<string, string> = {
  fundingStress: 'lsi-c-funding',
  oiBuild: 'lsi-c-oi',
  liquidationProximity: 'lsi-c-liq',
  volatility: 'lsi-c-vol',
}

const PART_NAMES: Record<string, string> = {
  fundingStress: 'funding stress',
  oiBuild: 'OI build',
  liquidationProximity: 'liquidation proximity',
  volatility: 'volatility',
}

/**
 * LSI before correlation carry-over, 0..100, with the components as metrics. Spot markets get none: there
 * is no leverage on them to be stressed. Partial (under `minCompositeCoverage` of the weight) is null.
 */
export function ownLsi(
  s: Signals,
  cfg: ScoringConfig,
  out: Record<string, Metric>,
  asOfMs: number | null,
  isPerp = true,
  /** false inside a tick: no spike probabilities and no reason sentences (nothing in a tick reads them). */
  withProbabilities = true,
): number | null {
  if (!isPerp) {
    for (const id of Object.values(PART_IDS)) out[id] = na('0..1', 'spot market: no leverage to stress')
    out['lsi-own'] = na('score 0-100', 'spot market: no leverage to stress (the index is for perps)')
    if (withProbabilities) writeSpikeProbabilities(out, cfg, false)
    return null
  }
  const parts = lsiParts(s, cfg, out)
  const weighted: Record<string, { part: Part; weight: number }> = {}
  for (const [k, p] of Object.entries(parts)) {
    out[PART_IDS[k]!] = p.value === null ? na('0..1', p.reason) : ok(p.value, '0..1', asOfMs)
    weighted[PART_NAMES[k]!] = { part: p, weight: cfg.lsiWeights[k as keyof typeof cfg.lsiWeights] }
  }
  const m = compositeMetric(
    weightedMean(weighted, withProbabilities),
    100,
    'score 0-100',
    asOfMs,
    cfg.minCompositeCoverage,
    withProbabilities,
  )
  out['lsi-own'] = m
  if (withProbabilities) writeSpikeProbabilities(out, cfg, true)
  return m.value
}

/**
 * Final LSI: a market highly correlated with a stressed reference carries that stress (rho x reference LSI)
 * when it exceeds its own. Returns the sentence that says so, if any.
 */
export function stressIndex(ctx: EvalContext, s: Signals, own: number | null): string | null {
  const { cfg, metrics: out } = ctx
  let lsi = own
  let note: string | null = null
  const rho = s.corrRef
  if (
    rho !== null &&
    s.refLsi !== null &&
    rho >= cfg.correlationHigh &&
    s.refLsi >= cfg.referenceStressedLsi
  ) {
    const carried = rho * s.refLsi
    if (own === null || carried > own) {
      lsi = carried
      note = `Correlated ${rho.toFixed(2)} with ${s.refAsset}, which is under stress (LSI ${Math.round(s.refLsi)}): this market carries that stress`
    }
  }
  const own_ = out['lsi-own']!
  if (lsi === null) out['lsi'] = { ...own_ }
  else {
    out['lsi'] = ok(lsi, 'score 0-100', own_.asOfMs ?? null)
    out['lsi']!.reason = note ?? own_.reason ?? null
    if (own_.coverage) out['lsi']!.coverage = own_.coverage
  }
  ctx.band('lsi-level', lsi, cfg.lsiLevels, LEVELS)
  return note
}
