import type { MarketEvent, VenueId } from '../../../shared/market-event'
import type { ConnectionState, VenueStatus } from '../data-source'
import type { PageProgress } from './paginate'

/** Metric streams whose staleness the status bar shows. */
export const STATUS_METRICS = [
  'trade',
  'book',
  'quote',
  'mark',
  'funding',
  'openInterest',
  'longShort',
  'takerVolume',
  'liquidation',
  'candle',
] as const

/** Live health of one venue: connection state, newest event per metric, counters, latest problem. */
export class VenueStatusTracker {
  state: ConnectionState = 'idle'
  message: string | null = null
  readonly counts = { events: 0, gaps: 0, droppedFrames: 0, reconnects: 0 }
  /** Receive time of the newest live event per metric (backfilled history does not make a metric fresh). */
  private readonly lastReceiveMs = new Map<string, number>()
  /** History backfill per task (funding history, OI history, candles...), for the progress the UI shows. */
  private readonly backfill = new Map<string, { fraction: number; done: boolean; error?: string }>()

  constructor(readonly venue: VenueId) {}

  noteEvents(events: readonly MarketEvent[], live: boolean): void {
    for (const ev of events) {
      this.counts.events++
      if (ev.type === 'gap') this.counts.gaps++
      else if (live) this.lastReceiveMs.set(ev.type, ev.receiveTsMs)
    }
  }

  noteBackfill(p: PageProgress): void {
    this.backfill.set(p.task, { fraction: p.fraction, done: p.done })
  }

  /**
   * A history task the venue refused (429/5xx past the retries, an error answer, unreachable): kept on the task,
   * not in `message`, which the next live event clears, so the UI keeps saying why that history is missing.
   */
  backfillFailed(task: string, reason: string): void {
    const prev = this.backfill.get(task)
    this.backfill.set(task, { fraction: prev?.fraction ?? 0, done: true, error: reason })
  }

  problem(state: ConnectionState, message: string): void {
    this.state = state
    this.message = message
  }

  healthy(): void {
    this.state = 'connected'
    this.message = null
  }

  snapshot(nowMs: number, droppedFrames: number): VenueStatus {
    const lastEventAgeMs: Record<string, number | null> = {}
    for (const m of STATUS_METRICS) {
      const t = this.lastReceiveMs.get(m)
      lastEventAgeMs[m] = t === undefined ? null : Math.max(0, nowMs - t)
    }
    return {
      venue: this.venue,
      state: this.state,
      lastEventAgeMs,
      counts: { ...this.counts, droppedFrames },
      message: this.message,
      backfill: [...this.backfill].map(([task, b]) => ({ task, ...b })),
    }
  }
}
