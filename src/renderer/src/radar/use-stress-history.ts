import { useState } from 'react'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'

const MAX_POINTS = 120

interface History {
  lastEvalMs: number | null
  values: readonly number[]
}

/** Adds one point per market whose evaluation time moved; markets gone from the stream lose their history. */
export function nextHistory(
  prev: ReadonlyMap<string, History>,
  snapshots: ReadonlyMap<string, MarketSnapshot>,
): Map<string, History> {
  const next = new Map<string, History>()
  for (const snap of snapshots.values()) {
    const h = prev.get(snap.key) ?? { lastEvalMs: null, values: [] }
    if (snap.stress === null || snap.evaluatedAtMs === h.lastEvalMs) next.set(snap.key, h)
    else
      next.set(snap.key, {
        lastEvalMs: snap.evaluatedAtMs,
        values: [...h.values.slice(-(MAX_POINTS - 1)), snap.stress],
      })
  }
  return next
}

/**
 * A short per-market history of the stress index taken from the snapshot stream, for sparklines. Updated
 * while rendering when the snapshot map changes (React's "adjust state on prop change" pattern).
 */
export function useStressHistory(snapshots: Map<string, MarketSnapshot>): ReadonlyMap<string, History> {
  const [state, setState] = useState<{
    seen: Map<string, MarketSnapshot> | null
    hist: Map<string, History>
  }>({
    seen: null,
    hist: new Map(),
  })
  if (state.seen !== snapshots) {
    const hist = nextHistory(state.hist, snapshots)
    setState({ seen: snapshots, hist })
    return hist
  }
  return state.hist
}
