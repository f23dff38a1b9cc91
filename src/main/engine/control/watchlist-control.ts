import type { Settings } from '../../../shared/settings'
import type { UniverseView } from '../../../shared/contract/universe'
import type { AutoWatchlist } from '../../../shared/watchlist-auto'
import {
  AUTO_WATCHLIST_VENUES,
  autoWatchlistKeys,
  rerankDue,
  resolveAutoWatchlist,
} from '../../../shared/watchlist-auto'
import type { WatchlistStatus } from '../../../shared/watchlist-status'
import { WATCHLIST_RANKING } from '../../../shared/watchlist-status'

/** What the watchlist steers: the live source's markets (LiveControl applies a new list to it). */
export interface WatchlistTarget {
  /** Streams `keys` from now on, adding and dropping markets without a restart. */
  apply(keys: string[]): void
  /** Still streaming (a replay opened since stops the live source without telling the watchlist). */
  readonly active: boolean
}

/**
 * The watchlist in force: the user's list ('mine') or the automatic one, ranked from each universe refresh
 * (top 20 by OI per enabled perp venue, re-ranked every 5 min with a 10 % margin; BTC and ETH perps until the
 * universe gives OI). While live it hands every change to its target; it never restarts the source itself.
 */
export class WatchlistControl {
  private auto: AutoWatchlist | null = null
  private target: WatchlistTarget | null = null
  private applied: string[] = []

  constructor(
    private readonly settings: () => Settings,
    private readonly onChange: () => void,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** The enabled venues the automatic list ranks (perp venues with a universe). */
  private autoVenues(s: Settings): string[] {
    return AUTO_WATCHLIST_VENUES.filter((v) => s.venues.includes(v as never))
  }

  /** The automatic list for the venues enabled now: the last ranking where there is one, else the fallback. */
  private autoNow(s: Settings): AutoWatchlist {
    return resolveAutoWatchlist(this.autoVenues(s), null, this.auto, this.nowMs())
  }

  /** Market keys the watchlist streams (or would stream on Go live). */
  keys(s: Settings = this.settings()): string[] {
    return s.watchlistMode === 'mine' ? [...s.watchlist] : autoWatchlistKeys(this.autoNow(s))
  }

  /** Live started (a target) or stopped (null); the target starts with `keys()`. */
  attach(target: WatchlistTarget | null, startedWith: string[] = []): void {
    this.target = target
    this.applied = startedWith
    this.onChange()
  }

  /** A universe refresh: re-ranks when due (at once while a venue is on the fallback, else every 5 min). */
  onUniverse(view: UniverseView): void {
    const s = this.settings()
    if (s.watchlistMode !== 'auto' || !this.target?.active || view.rows.length === 0) return
    const now = this.nowMs()
    if (!rerankDue(this.auto, now)) return
    this.auto = resolveAutoWatchlist(this.autoVenues(s), view, this.auto, now)
    this.sync()
  }

  /** Settings changed (mode, list, venues): the target follows when live. */
  onSettings(): void {
    this.sync()
  }

  private sync(): void {
    const keys = this.keys()
    if (this.target?.active && !sameKeys(keys, this.applied)) {
      this.applied = keys
      this.target.apply(keys)
    }
    this.onChange()
  }

  status(): WatchlistStatus {
    const s = this.settings()
    const auto = s.watchlistMode === 'auto' ? this.autoNow(s) : null
    return {
      mode: s.watchlistMode,
      keys: this.keys(s),
      venues: auto?.venues ?? [],
      rankedAtMs: auto?.rankedAtMs ?? null,
      perVenue: WATCHLIST_RANKING.perVenue,
      rerankSec: WATCHLIST_RANKING.rerankSec,
      live: this.target?.active ?? false,
    }
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  const set = new Set(b)
  return a.every((k) => set.has(k))
}
