import type { MarketEvent, MarketKey, VenueId } from './market-event'
import { isPerpSymbol, marketKey } from './market-event'
import type { ScoringConfig } from './scoring/config'
import type { ScoringState } from './scoring/scoring-state'
import {
  applyEvents,
  createScoringState,
  exportState,
  importState,
  setLiquidationProximity,
} from './scoring/scoring-state'
import type { HeatmapConfigInput, HeatmapState } from './heatmap'
import {
  advanceHeatmapClock,
  applyHeatmapEvent,
  createHeatmapState,
  exportHeatmapState,
  heatmapView,
  importHeatmapState,
  proximityInput,
  unavailableHeatmapView,
} from './heatmap'
import type { HeatmapView } from './contract/heatmap'
import type { MarginTier } from './sizing/tiers'

/** Maintenance-margin tiers of a perp market, or null where the radar has none (no estimate then). */
export type TiersLookup = (venue: VenueId, symbol: string) => MarginTier[] | null

/** The heatmap inputs a user can change in Settings; every heatmap created after a change uses them. */
export type HeatmapAssumptions = Partial<Omit<HeatmapConfigInput, 'tiers'>>

/** Settings' heatmap block (percent, hours) in the model's units (fraction, seconds). */
export function heatmapAssumptionsFromSettings(h: {
  levels: { leverage: number; weight: number }[]
  cellPct: number
  decayHalfLifeHours: number
  positionNotionalUsd: number
  leverageSpread?: number | undefined
  priceSpread?: 'triangular' | 'point' | undefined
}): HeatmapAssumptions {
  return {
    levels: h.levels.map((l) => ({ ...l })),
    cell: { kind: 'pct', fraction: h.cellPct / 100 },
    decayHalfLifeSec: h.decayHalfLifeHours * 3600,
    positionNotionalUsd: h.positionNotionalUsd,
    ...(h.leverageSpread !== undefined && { leverageSpread: h.leverageSpread }),
    ...(h.priceSpread !== undefined && { priceSpread: h.priceSpread }),
  }
}

export interface RadarCoreOptions {
  scoring?: Partial<ScoringConfig>
  tiersFor: TiersLookup
  /** Heatmap assumptions (leverage mix, cells, half-life); tiers come from `tiersFor`. */
  heatmap?: HeatmapAssumptions
}

/**
 * Everything the radar computes per market, advanced by one function: the scoring state and the
 * liquidation heatmap, with the heatmap's proximity fed into the scores. The worker and the replay report
 * both run exactly this, so live, replay and report cannot drift apart.
 */
export interface RadarCore {
  scoring: ScoringState
  heatmaps: Map<MarketKey, HeatmapState>
  /** Perp markets with no tiers: no heatmap, and the reason is said. */
  noTiers: Set<MarketKey>
  newestTsMs: number | null
  /**
   * Bars the heatmap had closed when this core last set the market's proximity. The proximity reads only what
   * closing a bar changes (the map, the reference price, open interest), so it is searched again only after a
   * bar closed; a market absent here has not had it set by this core.
   */
  proximityAtBars: Map<MarketKey, number>
  /**
   * Each venue's markets by symbol → their heatmap, or null for a market without one (spot, no tiers): the
   * per-event look-up, with no key string built. Filled as markets appear; not part of a checkpoint.
   */
  heatmapIndex: Map<VenueId, Map<string, HeatmapState | null>>
  opts: RadarCoreOptions
}

export function createRadarCore(opts: RadarCoreOptions): RadarCore {
  return {
    scoring: createScoringState(opts.scoring),
    heatmaps: new Map(),
    noTiers: new Set(),
    newestTsMs: null,
    proximityAtBars: new Map(),
    heatmapIndex: new Map(),
    opts,
  }
}

/** The market's heatmap (created on its first event when it is a perp with tiers), or null. */
function heatmapOf(core: RadarCore, venue: VenueId, symbol: string): HeatmapState | null {
  let bySymbol = core.heatmapIndex.get(venue)
  if (!bySymbol) core.heatmapIndex.set(venue, (bySymbol = new Map()))
  let hm = bySymbol.get(symbol)
  if (hm === undefined) {
    hm = isPerpSymbol(symbol) ? heatmapFor(core, venue, symbol, marketKey(venue, symbol)) : null
    bySymbol.set(symbol, hm)
  }
  return hm
}

function heatmapFor(core: RadarCore, venue: VenueId, symbol: string, key: MarketKey): HeatmapState | null {
  const existing = core.heatmaps.get(key)
  if (existing) return existing
  if (core.noTiers.has(key)) return null
  const tiers = core.opts.tiersFor(venue, symbol)
  if (!tiers) {
    core.noTiers.add(key)
    return null
  }
  // Imported bar data keeps its own resolution; live ticks make 1-minute bars.
  const hm = createHeatmapState({ barSec: 'auto', ...core.opts.heatmap, tiers })
  core.heatmaps.set(key, hm)
  return hm
}

/** Applies events in order; returns the markets whose snapshot may have changed. */
export function applyCoreEvents(core: RadarCore, events: readonly MarketEvent[]): Set<MarketKey> {
  const touched = applyEvents(core.scoring, events)
  // Feeds come in runs of one market: the previous event's heatmap is reused within a run, so a trade costs
  // no look-up, and a change of market no key string.
  let lastVenue: VenueId | null = null
  let lastSymbol: string | null = null
  let hm: HeatmapState | null = null
  for (let i = 0; i < events.length; i++) {
    const ev = events[i]!
    if (ev.symbol !== lastSymbol || ev.venue !== lastVenue) {
      lastVenue = ev.venue
      lastSymbol = ev.symbol
      hm = heatmapOf(core, ev.venue, ev.symbol)
    }
    if (hm) applyHeatmapEvent(hm, ev)
  }
  // The scoring clock is the newest exchange time of every event the core applied, the heatmaps' clock too.
  core.newestTsMs = core.scoring.clockMs
  if (core.newestTsMs !== null) {
    for (const [key, map] of core.heatmaps) {
      // Bars close on the engine clock even when this market is quiet.
      advanceHeatmapClock(map, core.newestTsMs)
      // The proximity changes only when a bar closes (by an event or on the clock): otherwise the market
      // keeps the proximity set last time and its clusters are not searched again.
      if (core.proximityAtBars.get(key) !== map.stats.bars && core.scoring.markets.has(key)) {
        setLiquidationProximity(core.scoring, key, proximityInput(map))
        core.proximityAtBars.set(key, map.stats.bars)
      }
      touched.add(key)
    }
  }
  return touched
}

export function coreHeatmapView(core: RadarCore, key: MarketKey, tiers: 'all' | 'high' | 'low'): HeatmapView {
  const hm = core.heatmaps.get(key)
  if (hm) return heatmapView(hm, { tiers, maxColumns: 1500 })
  const reason = core.noTiers.has(key)
    ? 'no maintenance-margin tiers for this market (the bundled snapshot covers Binance USDⓈ-M perps)'
    : core.scoring.markets.has(key)
      ? 'spot markets carry no leveraged positions to liquidate'
      : `unknown market "${key}"`
  return unavailableHeatmapView(key, reason)
}

/** A structured-clone-safe checkpoint of the whole core (for worker restarts). */
export function exportCore(core: RadarCore): unknown {
  return {
    scoring: exportState(core.scoring),
    heatmaps: [...core.heatmaps].map(([k, hm]) => [k, exportHeatmapState(hm)]),
    noTiers: [...core.noTiers],
    newestTsMs: core.newestTsMs,
  }
}

export function importCore(data: unknown, opts: RadarCoreOptions): RadarCore {
  const d = data as {
    scoring: unknown
    heatmaps: [MarketKey, unknown][]
    noTiers: MarketKey[]
    newestTsMs: number | null
  }
  return {
    scoring: importState(d.scoring),
    heatmaps: new Map(d.heatmaps.map(([k, h]) => [k, importHeatmapState(h)])),
    noTiers: new Set(d.noTiers),
    newestTsMs: d.newestTsMs,
    // A restored core sets every proximity again on its first batch.
    proximityAtBars: new Map(),
    heatmapIndex: new Map(),
    opts,
  }
}
