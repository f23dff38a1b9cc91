import type { MarketSnapshot } from '../../../shared/scoring/snapshot'

/**
 * What the worker last sent of each market, so a market that took no event and was not evaluated again since
 * is not sent again. The clock marks every market with a liquidation map dirty as it closes bars, and a
 * snapshot of a quiet market reuses its last evaluation (evaluation-cache.ts): the same evaluation time and the
 * same metrics object mean nothing it shows has changed.
 */
export class SentSnapshots {
  private readonly last = new Map<string, MarketSnapshot>()

  /** The snapshots of `batch` that differ from what was last sent, remembered as sent. */
  changed(batch: readonly MarketSnapshot[]): MarketSnapshot[] {
    const out: MarketSnapshot[] = []
    for (const s of batch) {
      const p = this.last.get(s.key)
      if (p !== undefined && same(p, s)) continue
      this.last.set(s.key, s)
      out.push(s)
    }
    return out
  }

  /** Everything is sent again after this (a new timeline, a restore, new settings). */
  clear(): void {
    this.last.clear()
  }

  /** A whole set sent at once (`all`): what the window holds from now on. */
  sentAll(batch: readonly MarketSnapshot[]): void {
    this.last.clear()
    for (const s of batch) this.last.set(s.key, s)
  }
}

function same(a: MarketSnapshot, b: MarketSnapshot): boolean {
  return (
    a.metrics === b.metrics &&
    a.labels === b.labels &&
    a.tags === b.tags &&
    a.evaluatedAtMs === b.evaluatedAtMs &&
    a.eventCount === b.eventCount &&
    a.asOfMs === b.asOfMs &&
    a.lastPrice === b.lastPrice &&
    a.markPrice === b.markPrice &&
    a.indexPrice === b.indexPrice &&
    a.stress === b.stress
  )
}
