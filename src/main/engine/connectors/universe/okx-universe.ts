import type { UniverseRow } from '../../../../shared/contract/universe'
import type { PerpRef } from './perp-ref'
import { blankRow, byId, finite, noteMissing, positive } from './perp-ref'

/** The `data` array of an OKX v5 reply, or the reason it has none. */
export type OkxData = { data: unknown[] } | { error: string }

const dataOf = (r: OkxData): unknown[] => ('data' in r ? r.data : [])
const errorOf = (r: OkxData, fallback: string): string => ('error' in r ? r.error : fallback)

/**
 * OKX linear-swap universe rows from three all-instrument replies: `/api/v5/market/tickers?instType=SWAP`
 * (last, price 24 h ago, 24 h volume in base units), `/api/v5/public/open-interest?instType=SWAP` (OI in
 * base units and, in newer replies, USD) and `/api/v5/public/funding-rate?instId=ANY` (rate, this and the
 * next funding time, whose gap is the interval).
 */
export function okxUniverseRows(
  perps: readonly PerpRef[],
  tickers: OkxData,
  openInterest: OkxData,
  funding: OkxData,
  nowMs: number,
): UniverseRow[] {
  const tick = byId(dataOf(tickers), 'instId')
  const oi = byId(dataOf(openInterest), 'instId')
  const fr = byId(dataOf(funding), 'instId')
  return perps.map((p) => {
    const row = blankRow('okx', p, nowMs)
    const t = tick.get(p.id)
    if (t) {
      row.lastPrice = positive(t.last)
      const open = positive(t.open24h)
      row.change24hFraction = row.lastPrice !== null && open !== null ? row.lastPrice / open - 1 : null
      const volBase = finite(t.volCcy24h)
      row.volume24hUsd = volBase !== null && row.lastPrice !== null ? volBase * row.lastPrice : null
      row.asOfMs = positive(t.ts) ?? nowMs
    }
    const o = oi.get(p.id)
    if (o) {
      const usd = finite(o.oiUsd)
      const base = finite(o.oiCcy)
      row.oiUsd = usd ?? (base !== null && row.lastPrice !== null ? base * row.lastPrice : null)
    }
    const f = fr.get(p.id)
    if (f) {
      row.fundingRatePerPeriod = finite(f.fundingRate)
      const at = positive(f.fundingTime)
      const next = positive(f.nextFundingTime)
      row.nextFundingTsMs = at
      if (at !== null && next !== null && next > at) row.fundingIntervalHours = (next - at) / 3_600_000
    }
    noteMissing(row, {
      price: errorOf(tickers, 'not in the tickers reply'),
      change24h: errorOf(tickers, 'not in the tickers reply'),
      volume24h: errorOf(tickers, 'not in the tickers reply'),
      oi: errorOf(openInterest, 'not in the open-interest reply'),
      funding: errorOf(funding, 'not in the funding-rate reply'),
    })
    return row
  })
}
