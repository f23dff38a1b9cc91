/**
 * A price-level book kept from recorded frames so the emulator can answer a snapshot request (REST depth,
 * or the snapshot a venue sends on subscribe) with the recorded book at the current replay position.
 * Prices and sizes stay the strings the venue sent.
 */
export class BookState {
  readonly bids = new Map<string, string>()
  readonly asks = new Map<string, string>()
  /** Last update id applied (Binance `u`, Bybit `u`). */
  updateId: number | null = null
  /** Bybit's cross-sequence `seq` of the last update. */
  seq: number | null = null
  tsMs: number | null = null

  reset(): void {
    this.bids.clear()
    this.asks.clear()
  }

  apply(side: 'bids' | 'asks', levels: unknown): void {
    if (!Array.isArray(levels)) return
    const book = side === 'bids' ? this.bids : this.asks
    for (const lvl of levels) {
      if (!Array.isArray(lvl)) continue
      const [p, q] = lvl as [string, string]
      if (Number(q) === 0) book.delete(p)
      else book.set(p, q)
    }
  }

  /** Best `limit` levels per side, best first. */
  top(limit: number): { bids: [string, string][]; asks: [string, string][] } {
    const sort = (m: Map<string, string>, desc: boolean): [string, string][] =>
      [...m.entries()]
        .sort((a, b) => (desc ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0])))
        .slice(0, limit)
    return { bids: sort(this.bids, true), asks: sort(this.asks, false) }
  }
}
