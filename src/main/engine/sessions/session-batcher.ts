import type { MarketEvent } from '../../../shared/market-event'

/** Default width of one replay batch in session (exchange) time. */
export const DEFAULT_BATCH_MS = 100

/**
 * Cuts an event stream into batches by session time: a batch holds the events whose exchange time falls
 * before the end of the current `batchMs` bucket. Batches depend on the data alone, never on wall time, so
 * a replay at 1x and at max speed feeds scoring the same batches in the same order.
 */
export class SessionBatcher {
  private lookahead: MarketEvent | null = null
  private done = false

  constructor(
    private readonly source: Iterator<MarketEvent>,
    readonly batchMs = DEFAULT_BATCH_MS,
  ) {}

  /** The next batch and the session time its bucket ends at; null once the stream is exhausted. */
  next(): { events: MarketEvent[]; bucketEndTsMs: number } | null {
    const first = this.lookahead ?? this.pull()
    this.lookahead = null
    if (!first) return null
    const bucketEndTsMs = Math.floor(first.exchangeTsMs / this.batchMs) * this.batchMs + this.batchMs
    const events = [first]
    for (;;) {
      const ev = this.pull()
      if (!ev) break
      if (ev.exchangeTsMs >= bucketEndTsMs) {
        this.lookahead = ev
        break
      }
      events.push(ev)
    }
    return { events, bucketEndTsMs }
  }

  private pull(): MarketEvent | null {
    if (this.done) return null
    const r = this.source.next()
    if (r.done) {
      this.done = true
      return null
    }
    return r.value
  }
}
