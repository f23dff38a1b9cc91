/**
 * The scoring bench's floor: the cheapest loop that still does the work the scoring state does per trade
 * (fill equal-volume VPIN buckets by aggressor side, keep the last 50 bucket imbalances, build one-minute
 * high/low/close bars), over typed columns. The scoring state's trade rate is read as a share of this,
 * measured in the same run.
 */
import type { TradeEvent } from '../src/shared/market-event'

export interface TradeColumns {
  n: number
  tsMs: Float64Array
  price: Float64Array
  qtyBase: Float64Array
  /** 1 when the taker bought. */
  takerBuy: Uint8Array
}

export function tradeColumns(trades: readonly TradeEvent[]): TradeColumns {
  const n = trades.length
  const c: TradeColumns = {
    n,
    tsMs: new Float64Array(n),
    price: new Float64Array(n),
    qtyBase: new Float64Array(n),
    takerBuy: new Uint8Array(n),
  }
  for (let i = 0; i < n; i++) {
    const t = trades[i]!
    c.tsMs[i] = t.exchangeTsMs
    c.price[i] = t.price
    c.qtyBase[i] = t.qtyBase
    c.takerBuy[i] = t.takerSide === 'buy' ? 1 : 0
  }
  return c
}

const WINDOW = 50

/** One pass of the floor loop; returns the buckets closed (and a checksum, so nothing is optimised away). */
export function floorPass(c: TradeColumns, bucketVolBase: number): { buckets: number; check: number } {
  const imb = new Float64Array(WINDOW)
  let buy = 0
  let sell = 0
  let sumImb = 0
  let buckets = 0
  let vpin = 0
  let minute = -1
  let hi = 0
  let lo = 0
  let close = 0
  let barSum = 0
  for (let i = 0; i < c.n; i++) {
    const p = c.price[i]!
    const m = Math.floor(c.tsMs[i]! / 60_000)
    if (m === minute) {
      if (p > hi) hi = p
      else if (p < lo) lo = p
      close = p
    } else {
      if (minute >= 0) barSum += Math.log(hi / lo) + close
      minute = m
      hi = lo = close = p
    }
    let b = c.takerBuy[i] ? c.qtyBase[i]! : 0
    let s = c.takerBuy[i] ? 0 : c.qtyBase[i]!
    for (;;) {
      const room = bucketVolBase - (buy + sell)
      const total = b + s
      if (total < room) {
        buy += b
        sell += s
        break
      }
      const f = total > 0 ? room / total : 0
      buy += b * f
      sell += s * f
      b -= b * f
      s -= s * f
      const slot = buckets % WINDOW
      const x = Math.abs(buy - sell)
      sumImb += x - imb[slot]!
      imb[slot] = x
      buckets++
      vpin = sumImb / (Math.min(buckets, WINDOW) * bucketVolBase)
      buy = sell = 0
      if (b + s <= 0) break
    }
  }
  return { buckets, check: vpin + barSum }
}
