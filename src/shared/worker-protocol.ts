import type { MarketEvent } from './market-event'
import type { MarketSnapshot } from './scoring/snapshot'
import type { MarketSeries, SeriesUpdate } from './contract/series'
import type { HeatmapView } from './contract/heatmap'
import type { AggregateMap } from './heatmap/aggregate-maps'
import type { RegimeShift } from './scoring/regime-shift'
import type { ScoringConfig } from './scoring/config'
import type { HeatmapAssumptions } from './radar-core'

/** Messages from the engine to the scoring worker. */
export type ToWorker =
  /**
   * `tier1`: the universe's bulk figures of tier-1 markets (mark, funding, OI once a refresh). The worker sends
   * such a market's snapshot only when a tier-1 batch feeds it, slim (the figures its radar row shows).
   */
  | { type: 'events'; events: MarketEvent[]; tier1?: boolean }
  /** The tier-1 markets a restarted worker takes over (their batches before its checkpoint are not replayed). */
  | { type: 'tier1Markets'; keys: string[] }
  /**
   * Restores state from the engine's last checkpoint after a restart, or the state at a seek's target
   * (`announce`: every market's snapshot is sent at once, so a paused radar shows the target).
   */
  | { type: 'restore'; checkpoint: unknown; announce?: boolean }
  | { type: 'reset' }
  | { type: 'requestSnapshots' }
  | { type: 'simulateFault'; fault: 'crash' | 'hang' }
  | { type: 'requestSeries'; requestId: number; key: string }
  | { type: 'requestHeatmap'; requestId: number; key: string; tiers: 'all' | 'high' | 'low' }
  /** A coin's map summed over these markets' own maps, binned around `referencePrice`. */
  | { type: 'requestCoinMap'; requestId: number; keys: string[]; referencePrice: number }
  /**
   * Answered once every message sent before it is processed, after flushing pending snapshots: the engine's
   * way to know scores cover what it sent (journal entries, the end of a replay, backpressure at max speed).
   */
  | { type: 'sync'; requestId: number }
  /** Streams series updates of this market (the one the UI shows) with each snapshot batch. */
  | { type: 'watchSeries'; key: string | null }
  /** Scoring thresholds and weights from Settings; applies to evaluations from now on. */
  | { type: 'configure'; config: Partial<ScoringConfig>; heatmap: HeatmapAssumptions }

/** Messages from the scoring worker to the engine. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'heartbeat'; eventsProcessed: number }
  /** Changed markets since the last batch: at once after a quiet spell, at most `batchIntervalMs` late. */
  | { type: 'snapshots'; snapshots: MarketSnapshot[]; all: boolean }
  | { type: 'checkpoint'; checkpoint: unknown; eventsProcessed: number }
  | { type: 'error'; message: string }
  | { type: 'regimeShifts'; shifts: RegimeShift[] }
  | { type: 'seriesUpdate'; update: SeriesUpdate }
  | { type: 'reply'; requestId: number; ok: true; value: MarketSeries | HeatmapView | AggregateMap | null }
  | { type: 'reply'; requestId: number; ok: false; error: string }

/** How often the worker sends batches, heartbeats and checkpoints. */
export const WORKER_TIMING = {
  /** The longest a change waits under load (see AdaptiveFlush). */
  batchIntervalMs: 100,
  heartbeatIntervalMs: 500,
  /** No heartbeat for this long = the worker hangs; the engine restarts it. */
  heartbeatTimeoutMs: 3000,
  checkpointIntervalMs: 2000,
} as const
