import type { ScoringConfig } from '../config'
import { MINUTE_MS } from '../metric'
import { normalCdf } from '../stats/normal-cdf'
import { ringMidRank } from '../stats/percentile'
import type { RollingStats } from '../stats/rolling-stats'
import { rollingCount, rollingCreate, rollingPush, rollingStd } from '../stats/rolling-stats'
import type { TimedRing } from '../stats/timed-ring'
import { ringCreate, ringPush, ringShift, ringVal } from '../stats/timed-ring'

/**
 * VPIN (Easley, López de Prado, O'Hara 2012): trades fill equal-volume buckets of V = ADV / 50; each bucket's
 * order imbalance |V_buy - V_sell| is averaged over the last n = 50 buckets: VPIN = sum |V_b - V_s| / (n V).
 * Volume is classified by the trade's aggressor side (exact on venues that report it), or by bulk volume
 * classification: per time bar, V_buy = V * Phi(dP / sigma_dP).
 */
export interface VpinState {
  bucketVolBase: number | null
  bootstrapStartMs: number | null
  bootstrapVolBase: number
  curBuy: number
  curSell: number
  /** |V_buy - V_sell| of each completed bucket, newest last. */
  imbalances: TimedRing
  sumImbalance: number
  bucketsCompleted: number
  vpin: number | null
  vpinAsOfMs: number | null
  /** Past VPIN values (one per completed full window) for the CDF. */
  history: TimedRing
  cdf: number | null
  bvc: { barId: number; barVol: number; barClose: number; prevClose: number | null; dp: RollingStats }
  /**
   * Backfilled candles (close time, volume, taker buy volume or NaN) held until the first trade: they size
   * the buckets from the venue's own 24 h volume at once, and those with a taker split fill the window.
   * Absent in checkpoints written before candles fed VPIN.
   */
  candles?: { tsMs: number[]; vol: number[]; buy: number[] }
  /** A trade has reached VPIN: from then on trades alone fill it (a candle would count its volume twice). */
  tradesSeen?: boolean
}

export function vpinCreate(cfg: ScoringConfig, key: string): VpinState {
  const adv = cfg.advBaseByMarket[key]
  return {
    bucketVolBase: adv !== undefined && adv > 0 ? adv / cfg.vpinBucketsPerDay : null,
    bootstrapStartMs: null,
    bootstrapVolBase: 0,
    curBuy: 0,
    curSell: 0,
    imbalances: ringCreate(cfg.vpinWindowBuckets),
    sumImbalance: 0,
    bucketsCompleted: 0,
    vpin: null,
    vpinAsOfMs: null,
    history: ringCreate(cfg.vpinCdfHistory),
    cdf: null,
    bvc: { barId: -1, barVol: 0, barClose: 0, prevClose: null, dp: rollingCreate(cfg.bvcSigmaBars) },
  }
}

function closeBucket(s: VpinState, cfg: ScoringConfig, tsMs: number, bucketVol: number): void {
  const imb = Math.abs(s.curBuy - s.curSell)
  if (s.imbalances.size === s.imbalances.cap) {
    s.sumImbalance -= ringVal(s.imbalances, 0)
    ringShift(s.imbalances)
  }
  ringPush(s.imbalances, tsMs, imb)
  s.sumImbalance += imb
  s.curBuy = 0
  s.curSell = 0
  s.bucketsCompleted++
  if (s.imbalances.size < cfg.vpinWindowBuckets) return
  if (s.bucketsCompleted % s.imbalances.cap === 0) {
    // Rebuild the running sum once per window so subtract/add rounding cannot drift.
    let sum = 0
    for (let i = 0; i < s.imbalances.size; i++) sum += ringVal(s.imbalances, i)
    s.sumImbalance = sum
  }
  const vpin = s.sumImbalance / (s.imbalances.size * bucketVol)
  s.vpin = vpin
  s.vpinAsOfMs = tsMs
  // CDF: mid-rank of the new value among past values; O(history) once per bucket, not per trade.
  const h = s.history
  if (h.size > 0) s.cdf = ringMidRank(h, vpin)
  ringPush(h, tsMs, vpin)
}

/** Adds classified volume, closing as many buckets as it fills (a large print can fill several). */
function addVolume(s: VpinState, cfg: ScoringConfig, tsMs: number, buyVol: number, sellVol: number): void {
  const v = s.bucketVolBase!
  let buy = buyVol
  let sell = sellVol
  for (;;) {
    const room = v - (s.curBuy + s.curSell)
    const total = buy + sell
    if (total < room) {
      s.curBuy += buy
      s.curSell += sell
      return
    }
    // Split proportionally so the part that completes this bucket keeps the print's buy/sell mix.
    const f = total > 0 ? room / total : 0
    s.curBuy += buy * f
    s.curSell += sell * f
    buy -= buy * f
    sell -= sell * f
    closeBucket(s, cfg, tsMs, v)
    if (buy + sell <= 0) return
  }
}

function bootstrap(s: VpinState, cfg: ScoringConfig, tsMs: number, qtyBase: number): boolean {
  if (s.bootstrapStartMs === null) s.bootstrapStartMs = tsMs
  s.bootstrapVolBase += qtyBase
  const elapsedMs = tsMs - s.bootstrapStartMs
  if (elapsedMs < cfg.vpinBootstrapMinutes * MINUTE_MS || s.bootstrapVolBase <= 0) return false
  const advBase = (s.bootstrapVolBase * 1440 * MINUTE_MS) / elapsedMs
  s.bucketVolBase = advBase / cfg.vpinBucketsPerDay
  return true
}

function onBvcTrade(s: VpinState, cfg: ScoringConfig, tsMs: number, price: number, qtyBase: number): void {
  const b = s.bvc
  const barId = Math.floor(tsMs / (cfg.bvcBarSeconds * 1000))
  if (barId !== b.barId && b.barId >= 0 && barId > b.barId) {
    if (b.prevClose !== null) {
      const dp = b.barClose - b.prevClose
      const sigma = rollingStd(b.dp)
      // Classify only once sigma rests on enough bars; earlier bars are skipped, not guessed.
      if (sigma !== null && sigma > 0 && rollingCount(b.dp) >= Math.min(10, cfg.bvcSigmaBars)) {
        const buyFrac = normalCdf(dp / sigma)
        addVolume(s, cfg, tsMs, b.barVol * buyFrac, b.barVol * (1 - buyFrac))
      }
      rollingPush(b.dp, tsMs, dp)
    }
    b.prevClose = b.barClose
    b.barVol = 0
  }
  if (barId >= b.barId) {
    b.barId = barId
    b.barClose = price
  }
  b.barVol += qtyBase
}

const DAY_MS = 1440 * MINUTE_MS
const MAX_HELD_CANDLES = 50_000

/**
 * A backfilled candle of the market's traded price. Before the first trade it is held; the first trade then
 * sizes the buckets from the newest 24 h of held volume (scaled up when the candles cover less, but at least
 * the trade bootstrap's minutes) and fills the window, oldest first, from the candles that carry the taker
 * buy volume (Binance klines do: an exact aggressor split per bar). Candles without it size the buckets only.
 * After the first trade candles are ignored: the trades carry the same volume.
 */
export function vpinOnCandle(
  s: VpinState,
  closeTsMs: number,
  volumeBase: number | null,
  takerBuyBase: number | null | undefined,
): void {
  if (s.tradesSeen || volumeBase === null || !(volumeBase >= 0) || !Number.isFinite(closeTsMs)) return
  const c = (s.candles ??= { tsMs: [], vol: [], buy: [] })
  if (c.tsMs.length > 0 && closeTsMs <= c.tsMs[c.tsMs.length - 1]!) return
  const buy = takerBuyBase ?? NaN
  c.tsMs.push(closeTsMs)
  c.vol.push(volumeBase)
  c.buy.push(buy >= 0 && buy <= volumeBase ? buy : NaN)
  // A session of bars without trades would hold every bar: keep the newest (30 d of 1-minute bars and more).
  if (c.tsMs.length > MAX_HELD_CANDLES + MAX_HELD_CANDLES / 5) {
    const drop = c.tsMs.length - MAX_HELD_CANDLES
    c.tsMs.splice(0, drop)
    c.vol.splice(0, drop)
    c.buy.splice(0, drop)
  }
}

/** Sizes the buckets from the held candles' newest 24 h of volume and fills the window from them. */
function sizeFromCandles(s: VpinState, cfg: ScoringConfig): void {
  const c = s.candles
  s.candles = undefined
  if (!c || c.tsMs.length < 2) return
  const last = c.tsMs[c.tsMs.length - 1]!
  // A candle's volume spans the interval before its close time, which the first close leaves unknown: the
  // span counts from the first close, and the first candle's volume is left out of the sum with it.
  let sum = 0
  let first = last
  for (let i = c.tsMs.length - 1; i > 0 && last - c.tsMs[i - 1]! <= DAY_MS; i--) {
    sum += c.vol[i]!
    first = c.tsMs[i - 1]!
  }
  const spanMs = last - first
  if (spanMs < cfg.vpinBootstrapMinutes * MINUTE_MS || !(sum > 0)) return
  s.bucketVolBase = (sum * DAY_MS) / spanMs / cfg.vpinBucketsPerDay
  for (let i = 0; i < c.tsMs.length; i++) {
    const buy = c.buy[i]!
    if (Number.isFinite(buy)) addVolume(s, cfg, c.tsMs[i]!, buy, c.vol[i]! - buy)
  }
}

export function vpinOnTrade(
  s: VpinState,
  cfg: ScoringConfig,
  tsMs: number,
  price: number,
  qtyBase: number,
  takerBuy: boolean,
): void {
  if (!s.tradesSeen) {
    s.tradesSeen = true
    if (s.bucketVolBase === null) sizeFromCandles(s, cfg)
    else s.candles = undefined
  }
  if (s.bucketVolBase === null && !bootstrap(s, cfg, tsMs, qtyBase)) return
  if (cfg.vpinClassification === 'bulk') onBvcTrade(s, cfg, tsMs, price, qtyBase)
  else if (takerBuy) addVolume(s, cfg, tsMs, qtyBase, 0)
  else addVolume(s, cfg, tsMs, 0, qtyBase)
}
