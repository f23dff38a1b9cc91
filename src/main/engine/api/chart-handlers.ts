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
      const referenceKey = wanted[0]!
      // The bins are centred on the reference market's price: its mark, else its last trade or close.
      const price = engine.getSnapshots().find((s) => s.key === referenceKey)?.lastPrice ?? null
      if (price === null || !(price > 0))
        return {
          keys: wanted,
          referenceKey,
          map: null,
          unavailableReason: `${referenceKey} has no price yet`,
        }
      return {
        keys: wanted,
        referenceKey,
        map: await engine.getCoinMap(wanted, price),
        unavailableReason: null,
      }
    },
  }
}
