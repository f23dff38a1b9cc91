import { useEffect, useMemo, useState } from 'react'
import type { RadarApi } from '../../../shared/api'
import type { UniverseRow, UniverseView } from '../../../shared/contract/universe'

export interface UniverseState {
  view: UniverseView | null
  byKey: ReadonlyMap<string, UniverseRow>
}

/** Tier 1: the last universe refresh (one message a cadence), indexed by market key. */
export function useUniverse(api: RadarApi): UniverseState {
  const [view, setView] = useState<UniverseView | null>(null)
  useEffect(() => {
    let live = true
    api.getUniverse().then(
      (v) => live && setView(v),
      () => live && setView(null),
    )
    const off = api.onUniverse(setView)
    return () => {
      live = false
      off()
    }
  }, [api])
  const byKey = useMemo(() => new Map<string, UniverseRow>((view?.rows ?? []).map((r) => [r.key, r])), [view])
  return { view, byKey }
}
