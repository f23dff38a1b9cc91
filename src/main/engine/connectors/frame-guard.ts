import type { OkxChecksumMismatch } from './okx-book-verifier'
import type { OkxBookVerifier } from './okx-book-verifier'
import { adapterFor } from './venues'
import type { ConnectorVenue } from './url-override'

/**
 * `seqGap` frames go on to ccxt (its own checks resync Binance `pu` and OKX `prevSeqId` gaps, and an OKX
 * checksum resync has already dropped the book). `resyncing`: a book frame that is dropped because the
 * radar resyncs that book itself — the gapped update (counted as seqGap) and every later update of the book
 * until the snapshot the resubscription brings (not counted again).
 */
export type FrameVerdict = 'ok' | 'malformed' | 'duplicate' | 'outOfOrder' | 'seqGap' | 'resyncing'

/** A Bybit book whose update id `u` skipped: ccxt 4.5.84's bybit never reads `u`, so the radar resyncs it. */
export interface BybitBookGap {
  topic: string
  lastU: number
  u: number
}

/** A book that lost an update and must be rebuilt from a fresh snapshot. */
export type BookGap = OkxChecksumMismatch | BybitBookGap

/** What a frame says about its place in its stream: a stream key and a monotonic position, if it has one. */
interface FramePosition {
  key: string
  /** Strictly increasing per key (trade id, book update id, event time). */
  pos: number | null
  /** For books: the update id the venue says came just before (Binance `pu`, OKX `prevSeqId`). */
  prev?: number | null
  /** Bybit book snapshot: starts a new sequence. */
  reset?: boolean
  /** Book updates must be contiguous: position exactly prev + 1 (Binance spot `U`, Bybit `u`). */
  first?: number | null
  /** ccxt does not check this book's sequence: on a gap the radar resyncs it and drops its updates till a snapshot. */
  resyncOnGap?: boolean
}

const num = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v
  return typeof n === 'number' && Number.isFinite(n) ? n : null
}

type Classifier = (url: string, m: Record<string, unknown>) => FramePosition | null | 'malformed'

const binance: Classifier = (url, m) => {
  const e = m.e
  const s = String(m.s ?? '')
  const market = /\/ws\/\d+$/.test(url) ? 'spot' : 'perp'
  if (e === 'trade' || e === 'aggTrade') {
    if (num(m.p) === null || num(m.q) === null) return 'malformed'
    return { key: `${market}:trade:${s}`, pos: num(e === 'trade' ? m.t : m.a) }
  }
  if (e === 'depthUpdate') {
    if (!Array.isArray(m.b) || !Array.isArray(m.a) || num(m.u) === null) return 'malformed'
    return {
      key: `${market}:depth:${s}`,
      pos: num(m.u),
      prev: num(m.pu),
      first: m.pu === undefined ? num(m.U) : null,
    }
  }
  if (e === 'markPriceUpdate') {
    if (num(m.p) === null) return 'malformed'
    return { key: `mark:${s}`, pos: num(m.E) }
  }
  if (m.u !== undefined && m.b !== undefined && m.a !== undefined && e === undefined) {
    return { key: `${market}:bookTicker:${s}`, pos: num(m.u) }
  }
  return null
}

const bybit: Classifier = (_url, m) => {
  const topic = m.topic
  if (typeof topic !== 'string') return null
  const d = m.data as Record<string, unknown> | Record<string, unknown>[] | undefined
  if (d === undefined || d === null || typeof d !== 'object') return 'malformed'
  if (topic.startsWith('orderbook.') && !Array.isArray(d)) {
    const u = num(d.u)
    if (u === null) return 'malformed'
    const reset = m.type === 'snapshot'
    return { key: topic, pos: u, reset, first: reset ? null : u, resyncOnGap: true }
  }
  if (topic.startsWith('publicTrade.') && Array.isArray(d)) {
    const last = d[d.length - 1]
    return { key: topic, pos: num(last?.seq) ?? num(last?.T) }
  }
  // Tickers carry no per-topic sequence (cs is shared with the book), so they are not position-checked.
  return null
}

const okx: Classifier = (_url, m) => {
  const arg = m.arg as { channel?: string; instId?: string } | undefined
  if (!arg || m.data === undefined) return null
  if (!Array.isArray(m.data)) return 'malformed'
  const first = m.data[0] as Record<string, unknown> | undefined
  const key = `${arg.channel}:${arg.instId}`
  if (arg.channel?.startsWith('books') && first) {
    return { key, pos: num(first.seqId), prev: num(first.prevSeqId), reset: m.action === 'snapshot' }
  }
  if (arg.channel === 'trades' && first) return { key, pos: num(first.tradeId) }
  return null
}

const CLASSIFIERS: Record<ConnectorVenue, Classifier> = { binanceusdm: binance, binance, bybit, okx }

/**
 * Inspects every WebSocket frame before ccxt parses it. A malformed frame, a frame already seen, or one
 * older than the newest of its stream is counted and dropped (ccxt never sees it, so it cannot poison a
 * book or a trade cache). A book update that skips sequence ids is reported as `seqGap` and passed on:
 * the connector resynchronizes that book. An OKX book whose levels no longer hash to the `checksum` OKX sent
 * is a lost update too: counted as `seqGap` and reported to `onBookGap`, which starts the resync. So is a
 * Bybit book update whose `u` skips: ccxt would apply it to a book that is already wrong, so it and the
 * book's later updates are dropped (`resyncing`) until the snapshot of the resubscription arrives.
 */
export class FrameGuard {
  readonly counts: Record<Exclude<FrameVerdict, 'ok' | 'resyncing'>, number> = {
    malformed: 0,
    duplicate: 0,
    outOfOrder: 0,
    seqGap: 0,
  }
  private readonly lastPos = new Map<string, number>()
  /** Books (by position key) being resynced by the radar: their updates are dropped until a snapshot. */
  private readonly awaitingSnapshot = new Set<string>()
  private bybitGap: BybitBookGap | null = null
  private readonly logged = new Set<string>()
  private readonly classify: Classifier
  private readonly okxBooks: OkxBookVerifier | null

  constructor(
    venue: ConnectorVenue,
    private readonly log: (line: string) => void = () => {},
    private readonly onBookGap: (url: string, gap: BookGap) => void = () => {},
  ) {
    this.classify = CLASSIFIERS[venue]
    this.okxBooks = adapterFor(venue).bookVerifier?.() ?? null
  }

  inspect(url: string, message: unknown): FrameVerdict {
    this.bybitGap = null
    let verdict = this.judge(url, message)
    let mismatch: OkxChecksumMismatch | null = null
    if (this.okxBooks && (verdict === 'ok' || verdict === 'seqGap') && typeof message === 'object') {
      const m = message as Record<string, unknown>
      if (verdict === 'seqGap') this.okxBooks.forget(url, m)
      const c = verdict === 'ok' ? this.okxBooks.check(url, m) : null
      if (c === 'malformed') verdict = 'malformed'
      else if (c !== null && c !== 'ok') [verdict, mismatch] = ['seqGap', c]
    }
    if (verdict === 'resyncing') return verdict
    if (verdict !== 'ok') {
      this.counts[verdict]++
      const kind = mismatch ? 'checksum' : verdict
      if (!this.logged.has(kind)) {
        this.logged.add(kind)
        this.log(
          mismatch
            ? `${mismatch.channel} ${mismatch.instId} checksum mismatch on ${url} (levels hash to ${mismatch.computed}, venue sent ${mismatch.sent}): resubscribing (further ones counted as seqGap, not logged)`
            : `${verdict} frame on ${url} (further ones counted, not logged)`,
        )
      }
    }
    if (mismatch) this.onBookGap(url, mismatch)
    if (this.bybitGap) {
      this.onBookGap(url, this.bybitGap)
      return 'resyncing'
    }
    return verdict
  }

  /** Forget a stream's position (after a resubscribe the venue starts a new sequence). */
  resetStreams(): void {
    this.lastPos.clear()
  }

  private judge(url: string, message: unknown): FrameVerdict {
    // OKX answers its text keepalive `ping` with a bare `pong`: ccxt must see it or it times the link out.
    if (message === 'pong') return 'ok'
    if (typeof message !== 'object' || message === null) return 'malformed'
    if (Array.isArray(message)) return 'ok'
    const p = this.classify(url, message as Record<string, unknown>)
    if (p === 'malformed') return 'malformed'
    if (p === null || p.pos === null) return 'ok'
    // Spot and perp connections reuse topic names (Bybit `orderbook.200.BTCUSDT`): positions are per connection.
    p.key = `${url}|${p.key}`
    if (p.resyncOnGap && this.awaitingSnapshot.has(p.key)) {
      if (!p.reset) return 'resyncing'
      this.awaitingSnapshot.delete(p.key)
    }
    const last = this.lastPos.get(p.key)
    if (p.reset || last === undefined) {
      this.lastPos.set(p.key, p.pos)
      return 'ok'
    }
    if (p.pos === last) return 'duplicate'
    if (p.pos < last) return 'outOfOrder'
    this.lastPos.set(p.key, p.pos)
    if (p.prev !== undefined && p.prev !== null && p.prev !== last) return 'seqGap'
    if (p.first !== undefined && p.first !== null && p.first > last + 1) {
      if (p.resyncOnGap) {
        this.awaitingSnapshot.add(p.key)
        const topic = (message as Record<string, unknown>).topic
        this.bybitGap = { topic: String(topic), lastU: last, u: p.pos }
      }
      return 'seqGap'
    }
    return 'ok'
  }
}
