import type { MarketEvent, MarketKey } from '../market-event'
import { marketKey } from '../market-event'
import type { MarketSnapshot } from './snapshot'

/**
 * Incremental scoring state for every market the worker has seen. Pure and serializable so the engine can
 * checkpoint it and restore a restarted worker without losing history.
 */
interface MarketState {
  venue: MarketSnapshot['venue']
  symbol: string
  asOfMs: number | null
  lastPrice: number | null
  eventCount: number
}

export interface ScoringState {
  markets: Map<MarketKey, MarketState>
}

export function createScoringState(): ScoringState {
  return { markets: new Map() }
}

/** Applies events in order; returns the keys of markets whose snapshot changed. */
export function applyEvents(state: ScoringState, events: readonly MarketEvent[]): Set<MarketKey> {
  const touched = new Set<MarketKey>()
  for (const ev of events) {
    const key = marketKey(ev.venue, ev.symbol)
    let m = state.markets.get(key)
    if (!m) {
      m = { venue: ev.venue, symbol: ev.symbol, asOfMs: null, lastPrice: null, eventCount: 0 }
      state.markets.set(key, m)
    }
    m.eventCount++
    if (m.asOfMs === null || ev.exchangeTsMs > m.asOfMs) m.asOfMs = ev.exchangeTsMs
    if (ev.type === 'trade') m.lastPrice = ev.price
    touched.add(key)
  }
  return touched
}

export function snapshotMarket(state: ScoringState, key: MarketKey): MarketSnapshot | null {
  const m = state.markets.get(key)
  if (!m) return null
  return {
    key,
    venue: m.venue,
    symbol: m.symbol,
    asOfMs: m.asOfMs,
    lastPrice: m.lastPrice,
    eventCount: m.eventCount,
    metrics: {},
    labels: {},
    tags: [],
    contradictions: [],
  }
}

/** A structured-clone-safe copy of the state, for checkpoints across a worker restart. */
export function exportState(state: ScoringState): unknown {
  return { version: 1, markets: [...state.markets.entries()] }
}

export function importState(data: unknown): ScoringState {
  const d = data as { version?: number; markets?: [MarketKey, MarketState][] }
  if (d?.version !== 1 || !Array.isArray(d.markets)) throw new Error('unrecognized scoring checkpoint')
  return { markets: new Map(d.markets) }
}
