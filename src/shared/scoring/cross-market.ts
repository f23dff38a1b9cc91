import { pairedCorrelation } from './correlation'
import type { EvalContext } from './eval-context'
import type { MarketState } from './market-state'
import { HOUR_MS, MINUTE_MS, na, ok } from './metric'
import type { ScoringState } from './scoring-state'

/** The reference market for correlation: same venue and kind first, then any venue. */
export function referenceMarket(state: ScoringState, m: MarketState): MarketState | null {
  const ref = state.config.referenceAsset
  const sym = m.isPerp ? `${ref}/USDT:USDT` : `${ref}/USDT`
  const same = state.markets.get(`${m.venue}:${sym}`)
  if (same) return same
  for (const k of state.byAsset.get(ref) ?? []) {
    const r = state.markets.get(k)
    if (r && r.isPerp === m.isPerp) return r
  }
  return null
}

export interface CrossResult {
  corr: number | null
  refLsi: number | null
}

/**
 * Metrics that need other markets: funding differential, correlation, reference stress, self percentile.
 * The reference's own stress index comes from `referenceLsi` (the evaluator passes itself in: this module
 * never imports it, so the two do not form an import cycle).
 */
export function crossMarketMetrics(
  state: ScoringState,
  ctx: EvalContext,
  withCarry: boolean,
  referenceLsi: (ref: MarketState) => number | null,
): CrossResult {
  const { m, cfg, nowMs, metrics: out } = ctx
  const res: CrossResult = {
    corr: null,
    refLsi: null,
  }

  // Funding differential: own hourly rate minus the mean of fresh rates of the same asset on other venues.
  const own = m.funding.ratePerHour
  let sum = 0
  let n = 0
  for (const k of state.byAsset.get(m.asset) ?? []) {
    const o = state.markets.get(k)
    if (!o || o === m || o.venue === m.venue || o.funding.ratePerHour === null || o.funding.asOfMs === null)
      continue
    if (nowMs - o.funding.asOfMs > 2 * (o.funding.intervalHours ?? 8) * HOUR_MS) continue
    sum += o.funding.ratePerHour
    n++
  }
  if (own === null)
    out['funding-diff-venues'] = na(
      'fraction/h',
      m.isPerp ? 'no funding data yet' : 'spot market: no funding',
    )
  else if (n === 0)
    out['funding-diff-venues'] = na('fraction/h', `no other venue with fresh funding for ${m.asset}`)
  else out['funding-diff-venues'] = ok(own - sum / n, 'fraction/h', m.funding.asOfMs)

  const ref = referenceMarket(state, m)
  if (m.asset === cfg.referenceAsset)
    out['corr-ref'] = na('correlation', `this is the reference asset (${cfg.referenceAsset})`)
  else if (!ref) out['corr-ref'] = na('correlation', `no ${cfg.referenceAsset} market to correlate with`)
  else {
    const r = pairedCorrelation(
      m.bars.returns,
      ref.bars.returns,
      nowMs - cfg.correlationWindowMinutes * MINUTE_MS,
    )
    if (r.rho === null || r.pairs < cfg.correlationMinPairs) {
      out['corr-ref'] = na(
        'correlation',
        `needs ${cfg.correlationMinPairs} common one-minute returns with ${ref.symbol}, has ${r.pairs}`,
      )
    } else {
      res.corr = r.rho
      out['corr-ref'] = ok(r.rho, 'correlation', m.asOfMs)
    }
    if (withCarry && res.corr !== null) res.refLsi = referenceLsi(ref)
  }
  return res
}
