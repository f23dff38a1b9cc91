import type { EvalContext } from '../eval-context'
import { gapReason } from '../gaps'
import { clamp01, formatDuration, na, ok } from '../metric'
import type { LiquidationResult } from './liquidations'
import { liquidationMetrics } from './liquidations'

export interface FlowResult {
  liq: LiquidationResult
  vpinCdf: number | null
  vpinLevel: string | null
}

const VPIN_LEVELS = ['low', 'medium', 'high'] as const
const HEATMAP_NA = 'liquidation heatmap not available'

export function flowMetrics(ctx: EvalContext): FlowResult {
  const { m, cfg, nowMs, metrics: out } = ctx
  const v = m.vpin
  const liq = liquidationMetrics(m.liq, cfg, nowMs, m.gaps, out)
  ctx.cat('liq-cascade', liq.cascade)

  const asOf = v.vpinAsOfMs
  out['vpin-buckets'] = ok(v.bucketsCompleted, 'buckets', asOf)
  let vpinReason: string | null
  if (v.bucketVolBase === null) {
    const has = v.bootstrapStartMs === null ? 0 : (m.asOfMs ?? nowMs) - v.bootstrapStartMs
    vpinReason = `estimating daily volume: needs ${cfg.vpinBootstrapMinutes} min of trades, has ${formatDuration(has)}`
  } else if (v.vpin === null)
    vpinReason = `needs ${cfg.vpinWindowBuckets} volume buckets, has ${v.imbalances.size}`
  else {
    // The window of buckets reaches back to the oldest bucket's close; a hole inside it breaks the sequence.
    const from = v.imbalances.size > 0 ? v.imbalances.ts[v.imbalances.head]! : nowMs
    vpinReason = gapReason(m.gaps, 'trades', from, nowMs)
  }
  out['vpin'] = vpinReason ? na('fraction', vpinReason, asOf) : ok(v.vpin!, 'fraction', asOf)
  let cdf: number | null = null
  if (vpinReason) out['vpin-cdf'] = na('fraction', vpinReason, asOf)
  else if (v.cdf === null)
    out['vpin-cdf'] = na('fraction', 'needs at least one earlier VPIN value for its CDF', asOf)
  else {
    cdf = v.cdf
    out['vpin-cdf'] = ok(cdf, 'fraction', asOf)
    if (v.history.size < 50) out['vpin-cdf']!.reason = `CDF over ${v.history.size} past values only`
  }
  out['vpin-bucket-size'] =
    v.bucketVolBase === null ? na('base', vpinReason ?? 'n/a') : ok(v.bucketVolBase, 'base', asOf)
  const level = ctx.band('vpin-level', cdf, cfg.vpinCdfLevels, VPIN_LEVELS)
  return { liq, vpinCdf: cdf, vpinLevel: level }
}

/** Liquidation proximity metrics from the heatmap input, and its 0..1 LSI component. */
export function liquidationProximity(ctx: EvalContext): { value: number | null; reason: string | null } {
  const { m, cfg, metrics: out } = ctx
  const p = m.liqProximity
  const ids: [string, string, keyof NonNullable<typeof p>][] = [
    ['liq-prox-above-price', 'price', 'nearestAbovePrice'],
    ['liq-prox-above-usd', 'USD', 'nearestAboveUsd'],
    ['liq-prox-below-price', 'price', 'nearestBelowPrice'],
    ['liq-prox-below-usd', 'USD', 'nearestBelowUsd'],
    ['liq-prox-1pct-usd', 'USD', 'usdWithin1Pct'],
    ['liq-prox-2pct-usd', 'USD', 'usdWithin2Pct'],
  ]
  for (const [id, unit, field] of ids) {
    const v = p ? p[field] : null
    out[id] =
      p === null
        ? na(unit, HEATMAP_NA)
        : v === null
          ? na(unit, 'no estimated cluster in range', p.asOfMs)
          : ok(v, unit, p.asOfMs)
  }
  if (p === null) return { value: null, reason: HEATMAP_NA }
  const oiUsd = m.oi.oiUsd
  if (oiUsd === null || !(oiUsd > 0))
    return { value: null, reason: 'no open interest in USD to scale liquidation proximity' }
  return { value: clamp01(p.usdWithin2Pct / oiUsd / cfg.liqProximityFullScaleOiFraction), reason: null }
}
