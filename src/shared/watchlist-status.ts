import type { AutoVenueWatch } from './watchlist-auto'
import {
  AUTO_WATCHLIST_FALLBACK_BASES,
  AUTO_WATCHLIST_PER_VENUE,
  AUTO_WATCHLIST_RERANK_SEC,
} from './watchlist-auto'

/** 'auto': the top perps by OI per enabled venue, re-ranked while live; 'mine': the list the user edits. */
export type WatchlistMode = 'auto' | 'mine'

/**
 * The watchlist in force (tier 2), as the engine resolved it: what Settings and the radar show. The reference
 * asset's perps, streamed for correlation, are not part of it.
 */
export interface WatchlistStatus {
  mode: WatchlistMode
  /** Market keys streamed with every signal (or, when not live, those going live would stream). */
  keys: string[]
  /** Automatic mode: each venue's part, ranked or fallback, with its note. Empty for 'mine'. */
  venues: AutoVenueWatch[]
  /** Automatic mode: when the last ranking was made (ms); null while on the fallback set. */
  rankedAtMs: number | null
  perVenue: number
  rerankSec: number
  /** Whether the keys are streamed now (a live source) or only what going live would stream. */
  live: boolean
}

export const WATCHLIST_RANKING = { perVenue: AUTO_WATCHLIST_PER_VENUE, rerankSec: AUTO_WATCHLIST_RERANK_SEC }

/** The radar's one-line summary: "top 20 by OI per venue (automatic)" or "my list (N)". */
export function watchlistLabel(s: Pick<WatchlistStatus, 'mode' | 'keys' | 'venues' | 'perVenue'>): string {
  if (s.mode === 'mine') return `my list (${s.keys.length})`
  const fallback = s.venues.filter((v) => v.basis === 'fallback').map((v) => v.venue)
  const base = `top ${s.perVenue} by OI per venue (automatic)`
  if (fallback.length === 0) return base
  return `${base}: ${AUTO_WATCHLIST_FALLBACK_BASES.join(' and ')} on ${fallback.join(', ')} until the universe gives OI`
}
