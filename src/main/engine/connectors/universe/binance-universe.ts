import type { UniverseRow } from '../../../../shared/contract/universe'
import type { PerpRef } from './perp-ref'
import { blankRow, byId, finite, noteMissing, positive } from './perp-ref'

/** Open interest of one Binance perp from `/fapi/v1/openInterest` (base units, venue time). */
export interface BinanceOi {
  oiBase: number
  tsMs: number
}

/**
 * Binance USDⓈ-M universe rows from `/fapi/v1/premiumIndex` (mark, index, funding, next funding; all
 * symbols) and `/fapi/v1/ticker/24hr` (last, 24 h change in percent, quote volume; all symbols). Binance has
 * no all-symbol open interest: `oi` holds what the per-symbol rotation fetched so far, valued at the mark.
 */
export function binanceUniverseRows(
  perps: readonly PerpRef[],
  premiumIndex: unknown,
  tickers24h: unknown,
  oi: ReadonlyMap<string, BinanceOi>,
  intervalsHours: ReadonlyMap<string, number>,
  oiPendingWhy: string,
  nowMs: number,
): UniverseRow[] {
  const prem = byId(premiumIndex, 'symbol')
  const tick = byId(tickers24h, 'symbol')
  return perps.map((p) => {
    const row = blankRow('binanceusdm', p, nowMs)
    const pi = prem.get(p.id)
    const t = tick.get(p.id)
    if (pi) {
      row.markPrice = positive(pi.markPrice)
      row.indexPrice = positive(pi.indexPrice)
      row.fundingRatePerPeriod = finite(pi.lastFundingRate)
      row.nextFundingTsMs = positive(pi.nextFundingTime)
      row.asOfMs = positive(pi.time) ?? nowMs
    }
    if (t) {
      row.lastPrice = positive(t.lastPrice)
      const pct = finite(t.priceChangePercent)
      row.change24hFraction = pct === null ? null : pct / 100
      row.volume24hUsd = finite(t.quoteVolume)
    }
    // Binance lists only the perps whose interval differs from 8 h in /fapi/v1/fundingInfo.
    row.fundingIntervalHours = intervalsHours.get(p.symbol) ?? 8
    const o = oi.get(p.id)
    const price = row.markPrice ?? row.lastPrice
    if (o && price !== null) row.oiUsd = o.oiBase * price
    noteMissing(row, {
      price: 'not in the premium index or 24 h ticker reply',
      funding: 'not in the premium index reply',
      change24h: 'not in the 24 h ticker reply',
      volume24h: 'not in the 24 h ticker reply',
      oi: o ? 'no price to value the open interest at' : oiPendingWhy,
    })
    return row
  })
}
