import type { InvokeRequest } from '../../../shared/api'
import type { EngineServices } from '../services'

export function chartHandlers({ engine }: EngineServices) {
  const known = (key: string): string => {
    if (!engine.getSnapshots().some((s) => s.key === key)) throw new Error(`unknown market "${key}"`)
    return key
  }
  return {
    getSeries: ({ key }: InvokeRequest<'getSeries'>) => engine.getSeries(known(key)),
    watchSeries: ({ key }: InvokeRequest<'watchSeries'>) => {
      engine.watchSeries(key === null ? null : known(key))
      return { watching: key }
    },
    getHeatmap: ({ key, tiers }: InvokeRequest<'getHeatmap'>) =>
      engine.getHeatmap(known(key), tiers ?? 'all'),
  }
}
