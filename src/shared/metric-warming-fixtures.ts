import type { EngineStatus } from './engine-status'

export type BackfillTask = { task: string; fraction: number; done: boolean; error?: string }

/** A hand-built engine status with one Binance USDⓈ-M venue and the given backfill tasks, for the tests. */
export function statusWithBackfill(backfill: BackfillTask[], kind: 'live' | 'replay' = 'live'): EngineStatus {
  return {
    source: { kind, label: '' },
    venues: [
      {
        venue: 'binanceusdm',
        state: 'connected',
        lastEventAgeMs: {},
        counts: { events: 0, gaps: 0, droppedFrames: 0, reconnects: 0 },
        message: null,
        backfill,
      },
    ],
  } as unknown as EngineStatus
}
