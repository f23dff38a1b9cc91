import type { InvokeRequest } from '../../../shared/api'
import { sessionBarCheck } from '../heatmap/session-bar-check'
import { bundledTiersLookup } from '../scoring/tiers-lookup'
import type { EngineServices } from '../services'

export function heatmapCheckHandlers({ engine, library }: EngineServices) {
  return {
    // Only sessions the library lists can be read; the map runs with the settings the radar scores with.
    runBarCheck: ({ path }: InvokeRequest<'runBarCheck'>) =>
      sessionBarCheck(library.resolveListed(path).path, engine.scoringConfig(), bundledTiersLookup()),
  }
}
