import type { VenueId } from './market-event'
import type { WatchlistStatus } from './watchlist-status'

export type WorkerState = 'starting' | 'running' | 'restarting' | 'failed'

export interface WorkerStatus {
  state: WorkerState
  /** How many times the engine restarted the worker since start. */
  restarts: number
  lastHeartbeatAgeMs: number | null
  /** Why the last restart happened ("worker exited with code 1", "no heartbeat for 3.0 s"). */
  lastRestartReason: string | null
  lastRestartAtMs: number | null
  eventsProcessed: number
}

export interface VenueStatusView {
  venue: VenueId
  state: 'connecting' | 'connected' | 'reconnecting' | 'stalled' | 'down' | 'idle'
  lastEventAgeMs: Record<string, number | null>
  counts: { events: number; gaps: number; droppedFrames: number; reconnects: number }
  message: string | null
  /** History backfill tasks; `error` says why a task the venue refused has no history. */
  backfill?: { task: string; fraction: number; done: boolean; error?: string }[]
  /** Symbols subscribed now (live), the watchlist's and the reference asset's. */
  markets?: string[]
}

export interface SourceStatus {
  /** LIVE, REPLAY (a session), SAMPLE (a bundled recorded sample), or none yet. */
  kind: 'live' | 'replay' | 'sample' | 'none'
  label: string
  /**
   * Set while launch probes the venues, and when launch fell back to the sample because no venue answered
   * (one line naming each venue and why); cleared by the next source the user picks.
   */
  launchNote?: string
}

/** Where OI / market cap gets its caps besides Settings, for the line under Settings > Market caps. */
export interface MarketCapSourceStatus {
  source: 'manual' | 'coingecko'
  /** When the cached values were fetched; null = never. */
  fetchedAtMs: number | null
  /** Assets with a fetched cap. */
  assets: string[]
  /** A fetch older than this is stale: still used, and flagged. */
  staleAfterMs: number
  lastAttemptMs: number | null
  /** Why the last fetch failed; null after a success. */
  lastError: string | null
}

export interface EngineStatus {
  startedAtMs: number
  source: SourceStatus
  venues: VenueStatusView[]
  worker: WorkerStatus
  marketCount: number
  /** Absent where no market-cap service runs (tests, CLI). */
  marketCaps?: MarketCapSourceStatus
  /** The watchlist in force (tier 2): mode, markets, the automatic ranking's state. Absent without live control. */
  watchlist?: WatchlistStatus
}

export interface Notice {
  level: 'info' | 'warning' | 'error'
  message: string
  atMs: number
}
