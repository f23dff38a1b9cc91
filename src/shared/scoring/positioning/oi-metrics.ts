import type { EvalContext } from '../eval-context'
import { gapReason } from '../gaps'
import { HOUR_MS, needs, na, ok } from '../metric'
import { maxDequeMax } from '../stats/monotonic-deque'
import { rollingCount, rollingMean, rollingStd } from '../stats/rolling-stats'
import { ringFirstTs, ringIndexAsOf, ringVal } from '../stats/timed-ring'
import { priceAsOf } from '../volatility/price-bars'
import { oiQty } from './open-interest'

export const OI_REGIMES = ['Falling Fast', 'Falling', 'Stable', 'Rising', 'Rising Fast'] as const
export type Quadrant = 'new longs' | 'new shorts' | 'short covering' | 'long liquidation'

export interface OiResult {
  roc4h: number | null
  roc24h: number | null
  regime: string | null
  quadrant: string | null
  drawdown24h: number | null
  flushRisk: boolean | null
  priceChange: number | null
}

const MIN_MCAP_SAMPLES = 72

const ROC_WINDOWS = [
  ['oi-roc-4h', 4],
  ['oi-roc-24h', 24],
  ['oi-roc-7d', 168],
] as const

/** Relative change of the OI size over the last `hours`, or a reason. */
function roc(ctx: EvalContext, hours: number): { v: number | null; reason: string | null } {
  const s = ctx.m.oi
  const now = oiQty(s)
  const first = ringFirstTs(s.path)
  const target = ctx.nowMs - hours * HOUR_MS
  if (now === null || first === null) return { v: null, reason: 'no open interest yet' }
  if (first > target) return { v: null, reason: needs('open interest', hours * HOUR_MS, ctx.nowMs - first) }
  const gap = gapReason(ctx.m.gaps, 'openInterest', target, ctx.nowMs)
  if (gap) return { v: null, reason: gap }
  const i = ringIndexAsOf(s.path, target)
  const then = ringVal(s.path, i)
  if (!(then > 0)) return { v: null, reason: 'open interest was zero at the window start' }
  return { v: now / then - 1, reason: null }
}

export function oiMetrics(ctx: EvalContext): OiResult {
  const { m, cfg, nowMs, metrics: out } = ctx
  const s = m.oi
  const res: OiResult = {
    roc4h: null,
    roc24h: null,
    regime: null,
    quadrant: null,
    drawdown24h: null,
    flushRisk: null,
    priceChange: null,
  }
  const asOf = s.asOfMs
  const noOi = 'no open interest yet'
  out['oi-contracts'] = s.oiContracts === null ? na('contracts', noOi) : ok(s.oiContracts, 'contracts', asOf)
  out['oi-usd'] = s.oiUsd === null ? na('USD', noOi) : ok(s.oiUsd, 'USD', asOf)
  // The regime window is usually one of the published windows (4 h by default): its change is reused.
  let w: ReturnType<typeof roc> | null = null
  for (const [id, h] of ROC_WINDOWS) {
    const r = roc(ctx, h)
    if (h === cfg.oiRegimeWindowHours) w = r
    out[id] = r.v === null ? na('fraction', r.reason!, asOf) : ok(r.v, 'fraction', asOf)
  }
  res.roc4h = out['oi-roc-4h']!.value
  res.roc24h = out['oi-roc-24h']!.value
  w ??= roc(ctx, cfg.oiRegimeWindowHours)
  const t = cfg.oiRegimeThreshold
  const f = cfg.oiRegimeFastThreshold
  res.regime = ctx.band('oi-regime', w.v, [-f, -t, t, f], OI_REGIMES)

  // Price x OI quadrant over the regime window, undetermined inside the dead bands.
  const pNow = m.lastPrice
  const pThen = priceAsOf(m.bars, nowMs - cfg.oiRegimeWindowHours * HOUR_MS)
  res.priceChange = pNow !== null && pThen !== null ? pNow / pThen - 1 : null
  let quad: Quadrant | null = null
  if (w.v !== null && res.priceChange !== null) {
    const dp = res.priceChange
    if (Math.abs(w.v) >= t && Math.abs(dp) >= cfg.quadrantMinPriceChange) {
      quad = w.v > 0 ? (dp > 0 ? 'new longs' : 'new shorts') : dp > 0 ? 'short covering' : 'long liquidation'
    }
  }
  res.quadrant = ctx.cat('oi-quadrant', quad)

  const qty = oiQty(s)
  const peak = maxDequeMax(s.peak24h, nowMs)
  if (qty !== null && peak !== null && peak > 0 && s.firstTsMs !== null && nowMs - s.firstTsMs >= HOUR_MS) {
    res.drawdown24h = 1 - qty / peak
    out['oi-drawdown-24h'] = ok(res.drawdown24h, 'fraction', asOf)
  } else
    out['oi-drawdown-24h'] = na('fraction', s.firstTsMs === null ? noOi : 'needs 1 h of open interest', asOf)

  mcapMetrics(ctx, res)

  // OI change in units of the price's typical move over the same window (short-window Parkinson vol).
  const vol = out['vol-short']?.value ?? null
  if (w.v !== null && vol !== null && vol > 0) {
    const expectedMove = (vol / Math.sqrt(365 * 24 * 60)) * Math.sqrt(cfg.oiRegimeWindowHours * 60)
    out['oi-change-vs-vol'] = ok(w.v / expectedMove, 'ratio', asOf)
  } else {
    out['oi-change-vs-vol'] = na('ratio', w.reason ?? out['vol-short']?.reason ?? 'volatility n/a', asOf)
  }
  return res
}

function mcapMetrics(ctx: EvalContext, res: OiResult): void {
  const { m, cfg, metrics: out } = ctx
  const s = m.oi
  const mcap = cfg.marketCapUsdByAsset[m.asset]
  if (!mcap) {
    const why = `no market cap set for ${m.asset} in Settings`
    out['oi-mcap'] = na('fraction', why)
    out['oi-mcap-z'] = na('sigma', why)
    ctx.band('oi-mcap-flush', null, [cfg.oiMcapFlushSigma], ['normal', 'flush-risk'])
    return
  }
  const ratio = s.oiUsd === null ? null : s.oiUsd / mcap
  out['oi-mcap'] =
    ratio === null ? na('fraction', 'no open interest in USD yet') : ok(ratio, 'fraction', s.asOfMs)
  const n = rollingCount(s.mcapRatio)
  const mean = rollingMean(s.mcapRatio)
  const sd = rollingStd(s.mcapRatio)
  let z: number | null = null
  if (ratio !== null && n >= MIN_MCAP_SAMPLES && mean !== null && sd !== null && sd > 0) {
    z = (ratio - mean) / sd
    out['oi-mcap-z'] = ok(z, 'sigma', s.asOfMs)
  } else {
    const has = n * HOUR_MS
    out['oi-mcap-z'] = na(
      'sigma',
      needs('hourly OI / market cap samples', MIN_MCAP_SAMPLES * HOUR_MS, has),
      s.asOfMs,
    )
  }
  const label = ctx.band('oi-mcap-flush', z, [cfg.oiMcapFlushSigma], ['normal', 'flush-risk'])
  res.flushRisk = label === null ? null : label === 'flush-risk'
}
