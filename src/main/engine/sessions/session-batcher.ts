import type { MarketEvent } from '../../../shared/market-event'

/** Default width of one replay batch in session (exchange) time. */
export const DEFAULT_BATCH_MS = 100

/**
 * Cuts an event stream into batches by session time: a batch holds the events whose exchange time falls
 * before the end of the current `batchMs` bucket. Batches depend on the data alone, never on wall time, so
 * a replay at 1x and at max speed feeds scoring the same batches in the same order.
 *
 * The stream comes in chunks (a session's frames, `SessionReader.batches`): a batch is cut from a chunk by
 * index, so no event passes through an iterator of its own, and a frame that is one whole batch is handed
 * on as it is, without a copy.
 */
export class SessionBatcher {
  private chunk: MarketEvent[] = []
  private pos = 0
  private done = false

  private readonly chunks: Iterator<MarketEvent[]>

  /**
   * `source`: single events in stream order, or `{ chunks }`, chunks of them in stream order (a reader's
   * frames, the fast way).
   */
  constructor(
    source: Iterator<MarketEvent> | { chunks: Iterator<MarketEvent[]> },
    readonly batchMs = DEFAULT_BATCH_MS,
  ) {
    if ('chunks' in source) this.chunks = source.chunks
    else
      this.chunks = {
        next: () => {
          const r = source.next()
          return r.done ? { done: true, value: undefined } : { done: false, value: [r.value] }
        },
      }
  }

  /** The next batch and the session time its bucket ends at; null once the stream is exhausted. */
  next(): { events: MarketEvent[]; bucketEndTsMs: number } | null {
    if (!this.ready()) return null
    const first = this.chunk[this.pos] as MarketEvent
    const bucketEndTsMs = Math.floor(first.exchangeTsMs / this.batchMs) * this.batchMs + this.batchMs
    let events: MarketEvent[] | null = null
    for (;;) {
      const a = this.chunk
      const from = this.pos
      let to = from
      while (to < a.length && (a[to] as MarketEvent).exchangeTsMs < bucketEndTsMs) to++
      this.pos = to
      if (events === null) events = from === 0 && to === a.length ? a : a.slice(from, to)
      else for (let i = from; i < to; i++) events.push(a[i] as MarketEvent)
      // An event past the bucket ends the batch; the end of a chunk does not.
      if (to < a.length || !this.ready()) break
      if (events === a) events = a.slice()
    }
    return { events, bucketEndTsMs }
  }

  /** Whether an event is waiting at `pos`, pulling the next non-empty chunk when the current one is used up. */
  private ready(): boolean {
    while (this.pos >= this.chunk.length) {
      if (this.done) return false
      const r = this.chunks.next()
      if (r.done) {
        this.done = true
        this.chunk = []
        this.pos = 0
        return false
      }
      this.chunk = r.value
      this.pos = 0
    }
    return true
  }
}
