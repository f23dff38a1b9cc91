import type { InvokeRequest } from '../../../shared/api'
import { parseMarketKey } from '../../../shared/market-event'
import type { EngineServices } from '../services'
import type { CoinMapView } from '../../../shared/contract/heatmap'

/**
 * A market may be briefly unknown (after a seek, before its first event on the new timeline): its series is
 * then empty and its heatmap says why, rather than an error that would leave the chart on the old timeline.
 */
export function chartHandlers({ engine }: EngineServices) {
  const valid = (key: string): string => {
    parseMarketKey(key) // throws, naming the key, for anything that is not venue:symbol of a known venue
    return key
  }
  return {
    getSeries: ({ key }: InvokeRequest<'getSeries'>) => engine.getSeries(valid(key)),
    watchSeries: ({ key }: InvokeRequest<'watchSeries'>) => {
      engine.watchSeries(key === null ? null : valid(key))
      return { watching: key }
    },
    getHeatmap: ({ key, tiers }: InvokeRequest<'getHeatmap'>) =>
      engine.getHeatmap(valid(key), tiers ?? 'all'),
    getCoinMap: async ({ keys }: InvokeRequest<'getCoinMap'>): Promise<CoinMapView> => {
      const wanted = [...new Set(keys.map(valid))]
      // The bins are centred on the first market with a price (its mark, else last trade or close): the
      // charted one, or another venue's while the charted one is still warming up.
      const snaps = engine.getSnapshots()
      const priced = wanted
        .map((key) => ({ key, price: snaps.find((s) => s.key === key)?.lastPrice ?? null }))
        .find((x): x is { key: string; price: number } => x.price !== null && x.price > 0)
      if (!priced)
        return {
          keys: wanted,
          referenceKey: wanted[0]!,
          map: null,
          unavailableReason: `no price yet for ${wanted.join(', ')}`,
        }
      const map = await engine.getCoinMap(wanted, priced.price)
      return { keys: wanted, referenceKey: priced.key, map, unavailableReason: null }
    },
  }
}
