import type { MarketEvent } from '../../../../shared/market-event'
import { badAmount, badFunding, badPrice, outsideVenueLife } from './row-domain'

/**
 * The last check before an imported event is written, whatever importer made it: times inside the venue's
 * life, prices > 0, sizes > 0, amounts ≥ 0, funding within caps. Importers check rows with line numbers
 * where they can; this catches what a format's own checks let through, so nothing out of domain is stored.
 */
export function eventDomainProblem(e: MarketEvent, nowMs = Date.now()): string | null {
  const life = outsideVenueLife(e.exchangeTsMs, e.venue, nowMs)
  if (life) return life
  switch (e.type) {
    case 'trade':
      return badPrice('price', e.price) ?? badAmount('qtyBase', e.qtyBase, true)
    case 'liquidation':
      return badPrice('price', e.price) ?? badAmount('qtyBase', e.qtyBase, true) ?? badAmount('usd', e.usd)
    case 'mark':
      return (
        badPrice('markPrice', e.markPrice) ??
        (e.indexPrice === null ? null : badPrice('indexPrice', e.indexPrice))
      )
    case 'quote':
      return (
        badPrice('bid', e.bid) ??
        badPrice('ask', e.ask) ??
        badAmount('bidQtyBase', e.bidQtyBase) ??
        badAmount('askQtyBase', e.askQtyBase)
      )
    case 'candle':
      return (
        badPrice('open', e.open) ??
        badPrice('high', e.high) ??
        badPrice('low', e.low) ??
        badPrice('close', e.close) ??
        (e.high < e.low ? `high ${e.high} is below low ${e.low}` : null)
      )
    case 'funding':
      return badFunding(e.fundingRatePerPeriod)
    case 'openInterest':
      for (const [n, v] of [
        ['oiContracts', e.oiContracts],
        ['oiBase', e.oiBase],
        ['oiUsd', e.oiUsd],
      ] as const) {
        const p = v === null ? null : badAmount(n, v)
        if (p) return p
      }
      return null
    case 'liquidationBar':
      return badAmount('longUsd', e.longUsd) ?? badAmount('shortUsd', e.shortUsd)
    case 'book':
      for (const side of [e.bids, e.asks]) {
        for (const [p, q] of side) {
          const bad = badPrice('level price', p) ?? badAmount('level size', q)
          if (bad) return bad
        }
      }
      return null
    default:
      return null
  }
}
