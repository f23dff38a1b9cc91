import type { OkxLevel } from './okx-book-checksum'
import { OkxLevelBook } from './okx-book-checksum'

/** Which book a frame belongs to, as OKX names it (`books`, `BTC-USDT`). */
export interface OkxBookRef {
  channel: string
  instId: string
}

export interface OkxChecksumMismatch extends OkxBookRef {
  computed: number
  sent: number
}

/** null: not a checksummed book frame; 'ok': verified or nothing to verify against yet. */
export type OkxBookCheck = 'ok' | 'malformed' | OkxChecksumMismatch | null

function bookRef(message: Record<string, unknown>): OkxBookRef | null {
  const arg = message.arg as { channel?: unknown; instId?: unknown } | undefined
  if (typeof arg?.channel !== 'string' || !arg.channel.startsWith('books')) return null
  if (typeof arg.instId !== 'string') return null
  // books5 and bbo-tbt push whole top-N books without an action and without a checksum.
  if (message.action !== 'snapshot' && message.action !== 'update') return null
  return { channel: arg.channel, instId: arg.instId }
}

function levels(v: unknown): OkxLevel[] | null {
  if (!Array.isArray(v)) return null
  const out: OkxLevel[] = []
  for (const l of v) {
    if (!Array.isArray(l) || typeof l[0] !== 'string' || typeof l[1] !== 'string') return null
    if (!Number.isFinite(Number(l[0])) || !Number.isFinite(Number(l[1]))) return null
    out.push([l[0], l[1]])
  }
  return out
}

/**
 * Keeps each OKX book's price levels beside ccxt's copy and checks every frame's CRC32 `checksum` against
 * them: ccxt 4.5.84 never reads that field, and the 2022-era frames carry no `prevSeqId`, so a lost update
 * shows nowhere else. After a mismatch the book is forgotten until OKX sends a fresh snapshot, so one loss
 * is reported once, not on every later update.
 */
export class OkxBookVerifier {
  private readonly books = new Map<string, OkxLevelBook>()

  check(url: string, message: Record<string, unknown>): OkxBookCheck {
    const ref = bookRef(message)
    if (!ref) return null
    if (!Array.isArray(message.data) || message.data.length === 0) return 'malformed'
    const key = `${url}|${ref.channel}:${ref.instId}`
    for (const d of message.data as unknown[]) {
      if (typeof d !== 'object' || d === null) return 'malformed'
      const entry = d as Record<string, unknown>
      const bids = levels(entry.bids)
      const asks = levels(entry.asks)
      if (!bids || !asks) return 'malformed'
      let book = this.books.get(key)
      if (message.action === 'snapshot') {
        if (!book) this.books.set(key, (book = new OkxLevelBook()))
        book.apply('snapshot', bids, asks)
      } else if (book) {
        book.apply('update', bids, asks)
      } else {
        // No snapshot yet, or waiting for the one a resync brings: nothing to verify against.
        return 'ok'
      }
      const sent = entry.checksum
      // OKX deprecated the field in June 2026 and sends 0 since: 0 means "not given", not a hash to match.
      if (typeof sent !== 'number' || !Number.isInteger(sent) || sent === 0) continue
      const computed = book.checksum()
      if (computed !== sent) {
        this.books.delete(key)
        return { ...ref, computed, sent }
      }
    }
    return 'ok'
  }

  /** Drops a book that a sequence gap made wrong; the snapshot of the resync rebuilds it. */
  forget(url: string, message: Record<string, unknown>): void {
    const ref = bookRef(message)
    if (ref) this.books.delete(`${url}|${ref.channel}:${ref.instId}`)
  }

  clear(): void {
    this.books.clear()
  }
}
