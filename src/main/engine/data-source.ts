import type { MarketEvent, VenueId } from '../../shared/market-event'
import type { SessionScoringHints } from '../../shared/scoring/config-for-session'

/** Receives events in batches, in exchange-time order per stream. */
export type EventSink = (events: MarketEvent[]) => void

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'stalled' | 'down' | 'idle'

/** Health of one venue's streams, shown in the top bar and the status bar. */
export interface VenueStatus {
  venue: VenueId
  state: ConnectionState
  /** Age of the newest event per metric stream (e.g. trades, book, funding, openInterest), ms; null = none yet. */
  lastEventAgeMs: Record<string, number | null>
  counts: { events: number; gaps: number; droppedFrames: number; reconnects: number }
  /** Plain sentence on the latest problem, null when healthy. */
  message: string | null
  /** History backfill tasks (after start and after gaps) with their progress; absent for replays. */
  backfill?: { task: string; fraction: number; done: boolean; error?: string }[]
  /** Symbols subscribed now (live), the watchlist's and the reference asset's. */
  markets?: string[]
}

/** Where the engine's events come from: live connectors, a replayed session, or nothing yet. */
export interface DataSource {
  readonly kind: 'live' | 'replay' | 'sample'
  /** Shown to the user, e.g. "Recorded sample — Binance, 2023-04-05". */
  readonly label: string
  start(sink: EventSink): Promise<void>
  stop(): Promise<void>
  venueStatuses(): VenueStatus[]
  /** A replayed session's metadata: its own basis pairing applies while the user's setting is auto. */
  readonly metadata?: SessionScoringHints
}
