import type { InvokeRequest } from '../../../shared/api'
import type { LeverageTiersView } from '../../../shared/contract/markets'
import type { EngineServices } from '../services'
import { isSizingVenue } from '../../../shared/sizing/liquidation-for-leverage'

const finiteOrNull = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null)

export function marketHandlers(s: EngineServices) {
  return {
    getLeverageTiers: ({ venue, symbol }: InvokeRequest<'getLeverageTiers'>): LeverageTiersView => {
      const market = isSizingVenue(venue) ? s.sizingMarkets()(venue, symbol) : null
      if (!market)
        throw new Error(
          `no maintenance-margin tiers for ${venue}:${symbol} (neither a refreshed cache nor the bundled snapshot lists it)`,
        )
      return {
        venue,
        symbol,
        asOf: market.source.date ?? 'unknown date',
        source: market.source.description,
        lot: market.lot,
        lotSource: market.lotSource,
        tiers: market.tiers.map((t) => ({
          ...t,
          maxNotional: finiteOrNull(t.maxNotional),
          maxLeverage: finiteOrNull(t.maxLeverage),
        })),
      }
    },
    searchMarkets: ({ query }: InvokeRequest<'searchMarkets'>) => {
      const q = query.trim().toUpperCase()
      const snap = s.tiers()
      const seen = new Set<string>()
      const out: { key: string; venue: string; symbol: string }[] = []
      const add = (venue: string, symbol: string): void => {
        const key = `${venue}:${symbol}`
        if (seen.has(key) || (q && !symbol.toUpperCase().includes(q))) return
        seen.add(key)
        out.push({ key, venue, symbol })
      }
      for (const snapshot of s.engine.getSnapshots()) add(snapshot.venue, snapshot.symbol)
      for (const symbol of snap.markets.keys()) {
        add(snap.venue, symbol)
        // Every USDⓈ-M perp has a spot pair on the same exchange family, and Bybit lists the majors too.
        const spot = symbol.split(':')[0]!
        if (spot !== symbol) add('binance', spot)
      }
      return out.slice(0, 50)
    },
    startLive: () => s.live.start(),
    stopLive: () => s.live.stop(),
    probeVenues: () => s.live.probe(),
  }
}
