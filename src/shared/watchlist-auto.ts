/**
 * The automatic watchlist (tier 2): the top perps by open interest on each enabled venue, ranked from the
 * universe's rows (tier 1) with hysteresis, or a fallback set while no ranking is possible. Pure: the engine
 * feeds it universe rows, the tests hand-built ones. See docs/universe.md, "The automatic watchlist".
 */

/** Perps per venue the automatic watchlist streams. */
export const AUTO_WATCHLIST_PER_VENUE = 20

/**
 * A market outside the list replaces the smallest member only when its open interest is this much larger
 * (10 %): two markets of nearly equal OI do not swap places (and restart their streams) at every refresh.
 */
export const AUTO_WATCHLIST_SWAP_MARGIN = 0.1

/**
 * Seconds between re-rankings once a ranking exists. The universe refreshes every 60 s; a market that joins
 * costs a warm start (its history over REST), so the ranking is redone every 5 min, not every refresh.
 */
export const AUTO_WATCHLIST_RERANK_SEC = 300

/** Bases of the fallback set: each enabled perp venue's USDT perps of these, until the universe has OI. */
export const AUTO_WATCHLIST_FALLBACK_BASES: readonly string[] = ['BTC', 'ETH']

/** Perp venues the automatic watchlist ranks (the venues whose bulk endpoints give the universe). */
export const AUTO_WATCHLIST_VENUES: readonly string[] = ['binanceusdm', 'bybit', 'okx']

/** What the ranking reads of a universe row. */
export interface RankRow {
  key: string
  venue: string
  oiUsd: number | null
  /** Why OI is missing, where the venue says (the universe row's `missing.oi`). */
  missing?: { oi?: string }
}

/** What the ranking reads of a universe venue state. */
export interface RankVenueState {
  venue: string
  error: string | null
}

/** One venue's part of the automatic watchlist. */
export interface AutoVenueWatch {
  venue: string
  /** Market keys streamed, largest open interest first (the fallback set in its own order). */
  keys: string[]
  /** 'ranked': from the universe's OI; 'fallback': the documented set, with `note` saying why. */
  basis: 'ranked' | 'fallback'
  /** Why the fallback is used, or what the ranking rests on (how many perps had OI). */
  note: string
  /** When this venue was last ranked (ms); null on the fallback. */
  rankedAtMs: number | null
}

export interface AutoWatchlist {
  venues: AutoVenueWatch[]
  /** When the last ranking was made (wall time, ms); null while every venue is on the fallback. */
  rankedAtMs: number | null
}

export interface RankOptions {
  perVenue?: number
  swapMargin?: number
  /** A ranked venue is ranked again no sooner than this; a venue on the fallback at every refresh. */
  rerankSec?: number
}

/** The fallback perps of one venue: `venue:BTC/USDT:USDT`, `venue:ETH/USDT:USDT`. */
export function fallbackKeys(venue: string): string[] {
  return AUTO_WATCHLIST_FALLBACK_BASES.map((base) => `${venue}:${base}/USDT:USDT`)
}

const byOiDesc = (a: RankRow, b: RankRow): number =>
  (b.oiUsd as number) - (a.oiUsd as number) || a.key.localeCompare(b.key)

/**
 * One venue's top `perVenue` by OI, starting from `previous` (null: no ranking yet, take the top at once).
 * A member stays until a market outside the list has `swapMargin` more OI than the smallest member, or until
 * the venue no longer lists it; a member whose OI is missing in this refresh keeps its place (missing is not
 * small). Empty slots are filled in OI order. The result is ordered by OI, members without OI last.
 */
export function rankVenue(
  rows: readonly RankRow[],
  previous: readonly string[] | null,
  opts: RankOptions = {},
): string[] {
  const n = opts.perVenue ?? AUTO_WATCHLIST_PER_VENUE
  const margin = opts.swapMargin ?? AUTO_WATCHLIST_SWAP_MARGIN
  const ranked = rows.filter((r) => r.oiUsd !== null && Number.isFinite(r.oiUsd)).sort(byOiDesc)
  if (previous === null) return ranked.slice(0, n).map((r) => r.key)
  const listed = new Map(rows.map((r) => [r.key, r]))
  const members = new Set(previous.filter((k) => listed.has(k)).slice(0, n))
  const outside = ranked.filter((r) => !members.has(r.key))
  // Fill empty slots (a first ranking after a delisting, or a list shorter than n) in OI order.
  while (members.size < n && outside.length > 0) members.add((outside.shift() as RankRow).key)
  // Swap the smallest member for the largest outsider while the outsider leads by the margin. Each swap
  // raises the smallest member's OI and lowers the best outsider's, so this ends within n swaps.
  for (let i = 0; i < n && outside.length > 0; i++) {
    const weakest = [...members]
      .map((k) => listed.get(k) as RankRow)
      .filter((r) => r.oiUsd !== null)
      .sort(byOiDesc)
      .at(-1)
    const challenger = outside[0] as RankRow
    if (!weakest || !((challenger.oiUsd as number) > (weakest.oiUsd as number) * (1 + margin))) break
    members.delete(weakest.key)
    members.add(challenger.key)
    outside.shift()
    outside.push(weakest)
    outside.sort(byOiDesc)
  }
  const withOi = [...members].map((k) => listed.get(k) as RankRow)
  return [
    ...withOi.filter((r) => r.oiUsd !== null).sort(byOiDesc),
    ...withOi.filter((r) => r.oiUsd === null),
  ].map((r) => r.key)
}

/**
 * The automatic watchlist for `venues` (the enabled perp venues) from the universe's latest rows (null: none
 * given, each venue keeps its last resolution). A venue with no row carrying OI (the universe has not
 * answered, its refresh failed, the venue gave no OI) keeps its previous ranking if it has one, else takes
 * the fallback set, and its note says why.
 */
export function resolveAutoWatchlist(
  venues: readonly string[],
  universe: { rows: readonly RankRow[]; venues: readonly RankVenueState[] } | null,
  previous: AutoWatchlist | null,
  nowMs: number,
  opts: RankOptions = {},
): AutoWatchlist {
  const n = opts.perVenue ?? AUTO_WATCHLIST_PER_VENUE
  const rerankMs = (opts.rerankSec ?? AUTO_WATCHLIST_RERANK_SEC) * 1000
  let ranked = false
  const out = venues.map((venue): AutoVenueWatch => {
    const rows = universe?.rows.filter((r) => r.venue === venue) ?? []
    const withOi = rows.filter((r) => r.oiUsd !== null).length
    const before = previous?.venues.find((v) => v.venue === venue)
    const prior = before?.basis === 'ranked' ? before.keys : null
    if (before?.rankedAtMs != null && nowMs - before.rankedAtMs < rerankMs) return before
    if (withOi === 0) {
      // No new figures (no universe given, or none with OI): the venue's last resolution stands, if any.
      if (before && (prior || universe === null)) return before
      return {
        venue,
        keys: fallbackKeys(venue),
        basis: 'fallback',
        note: fallbackReason(venue, rows, universe),
        rankedAtMs: null,
      }
    }
    ranked = true
    return {
      venue,
      keys: rankVenue(rows, prior, opts),
      basis: 'ranked',
      note:
        withOi < rows.length
          ? `top ${n} by OI among the ${withOi} of ${rows.length} perps whose OI is known so far`
          : `top ${n} by OI of ${rows.length} perps`,
      rankedAtMs: nowMs,
    }
  })
  return { venues: out, rankedAtMs: ranked ? nowMs : (previous?.rankedAtMs ?? null) }
}

function fallbackReason(
  venue: string,
  rows: readonly RankRow[],
  universe: { venues: readonly RankVenueState[] } | null,
): string {
  const set = `${AUTO_WATCHLIST_FALLBACK_BASES.join(' and ')} perps until the universe gives open interest`
  const state = universe?.venues.find((v) => v.venue === venue)
  if (!universe || !state) return `${set} (the universe has not answered yet)`
  if (state.error) return `${set} (${state.error})`
  if (rows.length === 0) return `${set} (the venue listed no linear perp)`
  const why = rows.find((r) => r.missing?.oi)?.missing?.oi
  return `${set} (no perp has OI${why ? `: ${why}` : ''})`
}

/** Every market key of an automatic watchlist, venue by venue. */
export function autoWatchlistKeys(w: AutoWatchlist): string[] {
  return w.venues.flatMap((v) => v.keys)
}

/** Whether a re-ranking is due: at once for a venue on the fallback, else every `rerankSec` per venue. */
export function rerankDue(
  w: AutoWatchlist | null,
  nowMs: number,
  rerankSec = AUTO_WATCHLIST_RERANK_SEC,
): boolean {
  if (!w) return true
  return w.venues.some((v) => v.rankedAtMs === null || nowMs - v.rankedAtMs >= rerankSec * 1000)
}
