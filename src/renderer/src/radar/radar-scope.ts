import type { UniverseRow } from '../../../shared/contract/universe'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { isSpot } from './radar-model'
import { withUniverse } from './universe-merge'

/** Tier 1: the whole universe from bulk tickers; tier 2: the watchlist, streamed with every signal. */
export type Tier = 1 | 2

export interface RadarScope {
  venue: string // '' = every venue
  kind: 'perp' | 'spot'
  tier: 'all' | Tier
}

export const ALL_SCOPE: RadarScope = { venue: '', kind: 'perp', tier: 'all' }

export interface ScopedMarket {
  snap: MarketSnapshot
  tier: Tier
}

/**
 * The join of one snapshot (or none) with its universe row, kept while both are the same objects: a batch of
 * snapshots replaces only the markets that changed, so the other thousand rows are not merged again.
 */
const joined = new WeakMap<object, { u: UniverseRow | undefined; tier: Tier; out: ScopedMarket }>()

function join(snap: MarketSnapshot | undefined, u: UniverseRow | undefined, tier: Tier): ScopedMarket {
  const anchor = (snap ?? u) as object
  const hit = joined.get(anchor)
  if (hit && hit.u === u && hit.tier === tier) return hit.out
  const out = { snap: u ? withUniverse(snap, u) : snap!, tier }
  joined.set(anchor, { u, tier, out })
  return out
}

/**
 * Every market the radar can list: the scored snapshots (spot ones too, for the spot filter) and every
 * universe row, the two joined by key. A market is tier 2 when the watchlist streams it, or when there is no
 * universe (a replay scores only what was recorded, all of it streamed).
 */
export function scopedMarkets(
  snapshots: ReadonlyMap<string, MarketSnapshot>,
  universe: ReadonlyMap<string, UniverseRow>,
  watchlist: ReadonlySet<string>,
): ScopedMarket[] {
  const out: ScopedMarket[] = []
  for (const s of snapshots.values()) {
    const u = universe.get(s.key)
    out.push(join(s, u, u && !watchlist.has(s.key) ? 1 : 2))
  }
  for (const u of universe.values())
    if (!snapshots.has(u.key)) out.push(join(undefined, u, watchlist.has(u.key) ? 2 : 1))
  return out
}

export function inScope(m: ScopedMarket, scope: RadarScope): boolean {
  if (scope.venue && m.snap.venue !== scope.venue) return false
  if ((scope.kind === 'spot') !== isSpot(m.snap)) return false
  return scope.tier === 'all' || m.tier === scope.tier
}
