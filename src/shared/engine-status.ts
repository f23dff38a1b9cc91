import type { VenueId } from './market-event'

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
}

export interface SourceStatus {
  /** LIVE, REPLAY (a session), SAMPLE (a bundled recorded sample), or none yet. */
  kind: 'live' | 'replay' | 'sample' | 'none'
  label: string
}

export interface EngineStatus {
  startedAtMs: number
  source: SourceStatus
  venues: VenueStatusView[]
  worker: WorkerStatus
  marketCount: number
}

export interface Notice {
  level: 'info' | 'warning' | 'error'
  message: string
  atMs: number
}
