import type { MarketEvent, MarketKey } from '../market-event'

/**
 * Feeds events to `apply` minute by minute of exchange time and calls `sample` with the markets touched in
 * a minute as soon as a later minute begins, so chart lines get a point per bar at any replay speed rather
 * than one per wall-clock flush. A late event (an earlier minute) is applied but starts no new minute.
 */
export class MinuteSampler {
  private minute: number | null = null
  private readonly touched = new Set<MarketKey>()

  constructor(
    private readonly apply: (chunk: MarketEvent[]) => Iterable<MarketKey>,
    private readonly sample: (keys: ReadonlySet<MarketKey>) => void,
  ) {}

  push(events: readonly MarketEvent[]): void {
    let start = 0
    for (let i = 0; i <= events.length; i++) {
      const minute = i < events.length ? Math.floor(events[i]!.exchangeTsMs / 60_000) : null
      if (minute !== null && (this.minute === null || minute === this.minute)) {
        this.minute ??= minute
        continue
      }
      if (i > start) for (const key of this.apply(events.slice(start, i))) this.touched.add(key)
      if (minute !== null && minute > this.minute!) {
        this.sample(this.touched)
        this.touched.clear()
        this.minute = minute
      }
      start = i
    }
  }

  reset(): void {
    this.minute = null
    this.touched.clear()
  }
}
