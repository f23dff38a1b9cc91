import type { MarketEvent } from '../../../shared/market-event'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { slimSnapshot } from '../../../shared/contract/slim-snapshot'

/**
 * The worker's view of tier 1 (the universe's markets, fed once a refresh from the venues' bulk endpoints).
 * Their inputs change only when a refresh arrives, yet the clock marks every market with a heatmap dirty as
 * it closes bars: a thousand of them snapshotted and sent ten times a second kept the worker past its
 * heartbeat. A tier-1 market is snapshotted when a tier-1 batch fed it since the last flush, and sent slim.
 * A market that takes streamed events (pinned to the watchlist) is tier 2 from then on.
 */
export class Tier1Markets {
  private readonly keys = new Set<string>()
  private readonly fedSinceFlush = new Set<string>()

  get size(): number {
    return this.keys.size
  }

  has(key: string): boolean {
    return this.keys.has(key)
  }

  /** A tier-1 batch: its markets are tier 1 and due a snapshot at the next flush. */
  fed(events: readonly MarketEvent[]): void {
    for (const key of keysOf(events)) {
      this.keys.add(key)
      this.fedSinceFlush.add(key)
    }
  }

  /** A streamed batch: any tier-1 market in it is tier 2 from now on; returns those markets. */
  streamed(events: readonly MarketEvent[]): string[] {
    if (this.keys.size === 0) return []
    const promoted: string[] = []
    for (const key of keysOf(events)) if (this.keys.delete(key)) promoted.push(key)
    return promoted
  }

  /** Tier-1 markets handed over to a restarted worker. */
  declare(keys: readonly string[]): void {
    for (const key of keys) this.keys.add(key)
  }

  clear(): void {
    this.keys.clear()
    this.fedSinceFlush.clear()
  }

  /** Leaves in `dirty` the tier-2 markets and the tier-1 markets fed since the last call. */
  keepFed(dirty: Set<string>): void {
    if (this.keys.size > 0)
      for (const key of dirty) if (this.keys.has(key) && !this.fedSinceFlush.has(key)) dirty.delete(key)
    this.fedSinceFlush.clear()
  }

  /** The batch with every tier-1 market's snapshot slimmed to what its row shows. */
  slimAll(batch: MarketSnapshot[]): MarketSnapshot[] {
    if (this.keys.size === 0) return batch
    return batch.map((s) => (this.keys.has(s.key) ? slimSnapshot(s) : s))
  }
}

/** The markets of a batch, once each (feeds come in runs of one market, so runs are skipped cheaply). */
export function keysOf(events: readonly MarketEvent[]): Set<string> {
  const out = new Set<string>()
  let last: MarketEvent | null = null
  for (const ev of events) {
    if (last !== null && ev.symbol === last.symbol && ev.venue === last.venue) continue
    last = ev
    out.add(`${ev.venue}:${ev.symbol}`)
  }
  return out
}
