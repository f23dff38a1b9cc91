import type { EvalContext } from '../eval-context'
import { HOURS_PER_YEAR, na, ok } from '../metric'
import { rollingCount, rollingMean, rollingStd } from '../stats/rolling-stats'
import type { BasisPricing } from './basis-pair'
import { basisBps } from './basis-state'
import { depthBands } from './depth'
import { fitAr1 } from './ou-half-life'

const MIN_Z_SAMPLES = 30
/** Annualize with the market's own funding interval; 8 h when the venue has not told us yet. */
const DEFAULT_INTERVAL_HOURS = 8

export function depthId(pct: number): string {
  return `depth-ratio-${String(pct).replace('.', 'p')}`
}

export interface BasisResult {
  bps: number | null
  z: number | null
}

/** Which choice paired the perp with a venue: the user's basis setting, or the session's import option. */
function pairingOrigin(cfg: EvalContext['cfg']): string {
  return cfg.basisSpotVenueFrom === 'session'
    ? "chosen by the session's import option (the basis setting is auto)"
    : 'chosen by the basis setting'
}

/** Reason text of a basis against another venue, from last trades or across quotes, shown beside the value. */
function sourceNote(p: BasisPricing, cfg: EvalContext['cfg']): string | null {
  const parts: string[] = []
  if (p.crossVenue) parts.push(`against ${p.spotKey}`)
  if (cfg.basisSpotVenue) parts.push(`spot venue ${cfg.basisSpotVenue} ${pairingOrigin(cfg)}`)
  if (p.fromTrades) parts.push('from trades (last trade of the interval where a side has no bid/ask)')
  if (p.quoteNote) parts.push(p.quoteNote)
  return parts.length ? parts.join('; ') : null
}

export function basisMetrics(ctx: EvalContext, pricing: BasisPricing): BasisResult {
  const { m, cfg, metrics: out } = ctx
  const res: BasisResult = { bps: null, z: null }
  const ids = ['basis-bps', 'basis-apr', 'basis-z', 'basis-ma-fast', 'basis-ma-slow', 'basis-half-life']
  const units = ['bps', 'APR', 'sigma', 'bps', 'bps', 'min']
  const setAll = (reason: string): void => ids.forEach((id, i) => (out[id] = na(units[i]!, reason)))
  const sampleMs = cfg.basisSampleSeconds * 1000
  const { perp, spot } = pricing
  if (!m.isPerp) setAll('spot market: basis is measured on the perp')
  else if (pricing.spotKey === null)
    setAll(
      cfg.basisSpotVenue
        ? `no ${cfg.basisSpotVenue} spot market of ${m.asset} to pair with (the venue ${pairingOrigin(cfg)})`
        : `no spot market of ${m.asset} on any venue to pair with`,
    )
  else if (!pricing.spotKnown) setAll(`no data yet from the paired spot market ${pricing.spotKey}`)
  else if (!perp || !spot) setAll(pricing.missing ?? 'no price yet on the perp or its spot pair')
  else {
    const asOf = Math.min(perp.tsMs, spot.tsMs)
    res.bps = basisBps(perp.price, spot.price)
    out['basis-bps'] = ok(res.bps, 'bps', asOf)
    out['basis-bps'].reason = sourceNote(pricing, cfg)
    const interval = m.funding.intervalHours ?? DEFAULT_INTERVAL_HOURS
    const apr = ok(((res.bps / 10_000) * HOURS_PER_YEAR) / interval, 'APR', asOf)
    if (m.funding.intervalHours === null) apr.reason = 'annualized over an assumed 8 h funding interval'
    out['basis-apr'] = apr
    statsMetrics(ctx, res, sampleMs)
  }
  const zBand = cfg.basisZBand
  ctx.band('basis-band', res.z, [-zBand, zBand], ['below-band', 'inside', 'above-band'])
  const fast = out['basis-ma-fast']!.value
  const slow = out['basis-ma-slow']!.value
  ctx.cat('basis-ma-cross', fast === null || slow === null ? null : fast > slow ? 'widening' : 'narrowing')
  depthMetrics(ctx)
  return res
}

function statsMetrics(ctx: EvalContext, res: BasisResult, sampleMs: number): void {
  const { m, cfg, metrics: out } = ctx
  const b = m.basis
  const asOf = b.lastSampleMs
  const n = rollingCount(b.z)
  const mean = rollingMean(b.z)
  const sd = rollingStd(b.z)
  if (n >= MIN_Z_SAMPLES && mean !== null && sd !== null && sd > 0 && res.bps !== null) {
    res.z = (res.bps - mean) / sd
    out['basis-z'] = ok(res.z, 'sigma', asOf)
  } else out['basis-z'] = na('sigma', `needs ${MIN_Z_SAMPLES} basis samples, has ${n}`, asOf)
  const fastN = rollingCount(b.fast)
  const slowN = rollingCount(b.slow)
  out['basis-ma-fast'] =
    fastN >= cfg.basisFastMaSamples
      ? ok(rollingMean(b.fast)!, 'bps', asOf)
      : na('bps', `needs ${cfg.basisFastMaSamples} basis samples, has ${fastN}`, asOf)
  out['basis-ma-slow'] =
    slowN >= cfg.basisSlowMaSamples
      ? ok(rollingMean(b.slow)!, 'bps', asOf)
      : na('bps', `needs ${cfg.basisSlowMaSamples} basis samples, has ${slowN}`, asOf)
  const fit = n >= cfg.basisMinOuSamples ? fitAr1(b.z.ring, sampleMs) : null
  if (n < cfg.basisMinOuSamples)
    out['basis-half-life'] = na('min', `needs ${cfg.basisMinOuSamples} basis samples, has ${n}`, asOf)
  else if (!fit) out['basis-half-life'] = na('min', 'basis did not move: no regression possible', asOf)
  else if (fit.halfLifeSamples === null) {
    out['basis-half-life'] = na('min', `no mean reversion (AR(1) coefficient ${fit.phi.toFixed(3)})`, asOf)
  } else out['basis-half-life'] = ok((fit.halfLifeSamples * sampleMs) / 60_000, 'min', asOf)
}

function depthMetrics(ctx: EvalContext): void {
  const { m, cfg, metrics: out } = ctx
  const book = m.book
  const bands = book ? depthBands(book.bids, book.asks, cfg.depthBandsPct) : null
  for (const [i, pct] of cfg.depthBandsPct.entries()) {
    const id = depthId(pct)
    const band = bands?.[i]
    if (!book || !band) out[id] = na('ratio', 'no order book for this market')
    else if (!band.covered) {
      out[id] = na(
        'ratio',
        `book reaches only ±${band.reachPct.toFixed(3)} % of mid, band is ±${pct} %`,
        book.tsMs,
      )
    } else if (band.askUsd <= 0) out[id] = na('ratio', `no asks within +${pct} %`, book.tsMs)
    else out[id] = ok(band.bidUsd / band.askUsd, 'ratio', book.tsMs)
  }
}
