import type { LeverageTiersView } from '../../../shared/contract/markets'
import type { SizingMarket, SizingMarketLookup } from '../../../shared/sizing/size-answer'

/** The calculator's market lookup over the tiers the engine sent (a dated snapshot or a fresh fetch). */
export function lookupFromTiers(view: LeverageTiersView | null): SizingMarketLookup {
  return (venue, symbol) => {
    if (!view || view.venue !== venue || view.symbol !== symbol) return null
    const market: SizingMarket = {
      symbol,
      // Linear perps settle in the quote after the colon: BTC/USDT:USDT -> USDT.
      settle: symbol.split(':')[1] ?? 'USDT',
      contractSize: 1,
      tiers: view.tiers.map((t) => ({
        ...t,
        // JSON carries an uncapped last tier as null.
        maxNotional: t.maxNotional ?? Number.POSITIVE_INFINITY,
        maxLeverage: t.maxLeverage ?? null,
      })),
      source: { kind: 'snapshot', date: view.asOf, description: view.source },
      lot: view.lot,
      lotSource: view.lotSource,
    }
    return market
  }
}
