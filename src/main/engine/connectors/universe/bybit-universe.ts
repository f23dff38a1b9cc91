import type { UniverseRow } from '../../../../shared/contract/universe'
import type { PerpRef } from './perp-ref'
import { blankRow, byId, finite, noteMissing, positive } from './perp-ref'

/**
 * Bybit linear universe rows from one `/v5/market/tickers?category=linear` reply: last, mark, index, 24 h
 * change (`price24hPcnt`, a fraction), funding and next funding, OI value (USD) and 24 h turnover per symbol.
 */
export function bybitUniverseRows(perps: readonly PerpRef[], reply: unknown, nowMs: number): UniverseRow[] {
  const res = reply as { result?: { list?: unknown }; time?: unknown } | null
  const tick = byId(res?.result?.list, 'symbol')
  const replyTs = positive(res?.time) ?? nowMs
  return perps.map((p) => {
    const row = blankRow('bybit', p, replyTs)
    const t = tick.get(p.id)
    if (t) {
      row.lastPrice = positive(t.lastPrice)
      row.markPrice = positive(t.markPrice)
      row.indexPrice = positive(t.indexPrice)
      row.change24hFraction = finite(t.price24hPcnt)
      row.fundingRatePerPeriod = finite(t.fundingRate)
      row.nextFundingTsMs = positive(t.nextFundingTime)
      row.oiUsd = finite(t.openInterestValue)
      row.volume24hUsd = finite(t.turnover24h)
      // Newer replies carry the interval; older ones leave it to the instrument listing.
      const h = positive(t.fundingIntervalHour)
      if (h !== null) row.fundingIntervalHours = h
    }
    const why = 'not in the tickers reply'
    noteMissing(row, { price: why, funding: why, change24h: why, volume24h: why, oi: why })
    return row
  })
}
