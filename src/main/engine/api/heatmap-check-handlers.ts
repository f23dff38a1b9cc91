import type { InvokeRequest } from '../../../shared/api'
import { runSessionBarCheck } from '../heatmap/run-bar-check'
import type { EngineServices } from '../services'

export function heatmapCheckHandlers({ engine, library }: EngineServices) {
  return {
    // Only sessions the library lists can be read; the map runs with the settings the radar scores with,
    // in a worker thread so the engine stays responsive.
    runBarCheck: ({ path }: InvokeRequest<'runBarCheck'>) =>
      runSessionBarCheck(library.resolveListed(path).path, engine.scoringConfig()),
  }
}
