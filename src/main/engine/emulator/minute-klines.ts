import type { RecordedTrade } from './binance-market'

const MINUTE_MS = 60_000

/**
 * Binance 1-minute kline rows from recorded trades: `[open time, open, high, low, close, volume, close time,
 * quote volume, trades, taker buy base, taker buy quote, "0"]`, numbers as strings like Binance sends them.
 * `m` is "buyer is maker", so a trade with `m: false` was bought by the taker.
 */
export function minuteKlineRows(trades: readonly RecordedTrade[]): unknown[][] {
  const rows: unknown[][] = []
  let cur: {
    open: number
    o: number
    h: number
    l: number
    c: number
    v: number
    qv: number
    n: number
    bv: number
    bq: number
  } | null = null
  const flush = (): void => {
    if (!cur) return
    rows.push([
      cur.open,
      String(cur.o),
      String(cur.h),
      String(cur.l),
      String(cur.c),
      cur.v.toFixed(3),
      cur.open + MINUTE_MS - 1,
      cur.qv.toFixed(5),
      cur.n,
      cur.bv.toFixed(3),
      cur.bq.toFixed(5),
      '0',
    ])
  }
  for (const t of trades) {
    const open = Math.floor(t.T / MINUTE_MS) * MINUTE_MS
    const p = Number(t.p)
    const qty = Number(t.q)
    if (!Number.isFinite(p) || !Number.isFinite(qty)) continue
    if (cur === null || open !== cur.open) {
      if (cur !== null && open < cur.open) continue
      flush()
      cur = { open, o: p, h: p, l: p, c: p, v: 0, qv: 0, n: 0, bv: 0, bq: 0 }
    }
    cur.h = Math.max(cur.h, p)
    cur.l = Math.min(cur.l, p)
    cur.c = p
    cur.v += qty
    cur.qv += p * qty
    cur.n++
    if (!t.m) {
      cur.bv += qty
      cur.bq += p * qty
    }
  }
  flush()
  return rows
}
