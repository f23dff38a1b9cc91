import { resolveHeatmapConfig } from './heatmap-config'
import type { HeatmapState } from './heatmap-state'
import { planLeverage } from './leverage-plan'
import { LAYERS } from './price-grid'

const CHECKPOINT_VERSION = 1

/**
 * A structured-clone-safe checkpoint (plain objects, arrays and typed arrays) for the worker. Typed arrays
 * are copied so the checkpoint does not change when the live state moves on.
 */
export function exportHeatmapState(state: HeatmapState): unknown {
  const g = state.grid
  return {
    version: CHECKPOINT_VERSION,
    state: {
      ...state,
      grid: g && { ...g, usd: g.usd.map((a) => a.slice()), usdPx: g.usdPx.map((a) => a.slice()) },
      history: {
        ...state.history,
        timesMs: [...state.history.timesMs],
        scales: [...state.history.scales],
        pendingCodes: [...state.history.pendingCodes],
        pendingValues: [...state.history.pendingValues],
        segments: state.history.segments.map((s) => ({
          ...s,
          snapshot: s.snapshot.slice(),
          codes: s.codes.slice(0, s.count),
          values: s.values.slice(0, s.count),
          columnEnds: [...s.columnEnds],
        })),
      },
      bar: state.bar && { ...state.bar },
      lastTrade: state.lastTrade && { ...state.lastTrade },
      prevOi: state.prevOi && { ...state.prevOi },
      atr: { ...state.atr },
      stats: { ...state.stats },
      realized: state.realized.map((r) => ({ ...r })),
    } satisfies HeatmapState,
  }
}

/** Restores a checkpoint; the config is checked again and the leverage plan rebuilt from it. */
export function importHeatmapState(data: unknown): HeatmapState {
  const d = data as { version?: unknown; state?: Partial<HeatmapState> }
  if (d?.version !== CHECKPOINT_VERSION || typeof d.state !== 'object' || d.state === null)
    throw new Error(
      `unrecognized heatmap checkpoint (expected version ${CHECKPOINT_VERSION}, got ${String(d?.version)})`,
    )
  const s = d.state
  if (typeof s.cfg !== 'object' || !s.history || !Array.isArray(s.history.segments) || !s.stats)
    throw new Error('heatmap checkpoint: cfg, history and stats are required')
  const g = s.grid
  if (
    g &&
    (g.usd?.length !== LAYERS || !g.usd.every((a) => a instanceof Float64Array && a.length === g.capacity))
  )
    throw new Error(`heatmap checkpoint: grid needs ${LAYERS} Float64Array layers of its capacity`)
  const cfg = resolveHeatmapConfig(s.cfg as HeatmapState['cfg'])
  return { ...(s as HeatmapState), cfg, plan: planLeverage(cfg) }
}
