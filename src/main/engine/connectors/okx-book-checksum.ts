import { crc32 } from 'node:zlib'

/** One OKX book level as sent: price and size strings (OKX also sends liquidated-order and order counts). */
export type OkxLevel = readonly [px: string, sz: string]

/** OKX hashes the best 25 levels a side, whatever the channel's depth. */
export const OKX_CHECKSUM_LEVELS = 25

/** The `books` channel's depth: OKX never sends a level beyond it, so a side holds no more. */
export const OKX_BOOK_DEPTH = 400

/**
 * The text OKX hashes: best bid, best ask, second bid, second ask... as `px:sz` joined by `:`, over the best
 * 25 levels a side; when one side runs out, the other side's remaining levels follow alone. The strings
 * are used exactly as OKX sent them ("0.0012029", not a re-printed number), or the hash cannot match.
 */
export function okxChecksumText(bids: readonly OkxLevel[], asks: readonly OkxLevel[]): string {
  const parts: string[] = []
  for (let i = 0; i < OKX_CHECKSUM_LEVELS; i++) {
    const b = bids[i]
    const a = asks[i]
    if (!b && !a) break
    if (b) parts.push(b[0], b[1])
    if (a) parts.push(a[0], a[1])
  }
  return parts.join(':')
}

/** CRC-32 (IEEE, as zlib) of the UTF-8 text, as the signed 32-bit integer OKX sends. */
export function signedCrc32(text: string): number {
  return crc32(text) | 0
}

/** OKX's `checksum` of a book whose sides are sorted best first. */
export function okxBookChecksum(bids: readonly OkxLevel[], asks: readonly OkxLevel[]): number {
  return signedCrc32(okxChecksumText(bids, asks))
}

interface Level {
  px: number
  level: OkxLevel
}

/** One side of a price-level book, best first, keyed by numeric price but keeping OKX's strings. */
class BookSide {
  private levels: Level[] = []

  constructor(private readonly descending: boolean) {}

  clear(): void {
    this.levels = []
  }

  /** OKX levels carry absolute sizes: a size of zero removes the price. */
  set(level: OkxLevel): void {
    const px = Number(level[0])
    const i = this.indexOf(px)
    const found = i < this.levels.length && this.levels[i]!.px === px
    if (Number(level[1]) === 0) {
      if (found) this.levels.splice(i, 1)
    } else if (found) {
      this.levels[i] = { px, level }
    } else {
      this.levels.splice(i, 0, { px, level })
      if (this.levels.length > OKX_BOOK_DEPTH) this.levels.length = OKX_BOOK_DEPTH
    }
  }

  top(n: number): OkxLevel[] {
    return this.levels.slice(0, n).map((l) => l.level)
  }

  get size(): number {
    return this.levels.length
  }

  /** First index whose price is not better than `px` (binary search). */
  private indexOf(px: number): number {
    let lo = 0
    let hi = this.levels.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const p = this.levels[mid]!.px
      if (this.descending ? p > px : p < px) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** The price levels of one OKX book, rebuilt from its snapshot and updates, enough to verify OKX's checksum. */
export class OkxLevelBook {
  private readonly bids = new BookSide(true)
  private readonly asks = new BookSide(false)

  /** `snapshot` replaces the book; `update` changes the levels it names. */
  apply(action: 'snapshot' | 'update', bids: readonly OkxLevel[], asks: readonly OkxLevel[]): void {
    if (action === 'snapshot') {
      this.bids.clear()
      this.asks.clear()
    }
    for (const l of bids) this.bids.set(l)
    for (const l of asks) this.asks.set(l)
  }

  top(n: number): { bids: OkxLevel[]; asks: OkxLevel[] } {
    return { bids: this.bids.top(n), asks: this.asks.top(n) }
  }

  checksum(): number {
    return okxBookChecksum(this.bids.top(OKX_CHECKSUM_LEVELS), this.asks.top(OKX_CHECKSUM_LEVELS))
  }

  get levelCount(): { bids: number; asks: number } {
    return { bids: this.bids.size, asks: this.asks.size }
  }
}
