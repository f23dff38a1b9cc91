import type { EngineServices } from '../services'

/** Tier 1 of the radar: the last universe refresh (empty while not live). */
export function universeHandlers({ universe }: EngineServices) {
  return {
    getUniverse: () => universe.view(),
  }
}
