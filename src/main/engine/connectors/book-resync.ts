import ccxt from 'ccxt'
import type { Exchange } from 'ccxt'
import type { OkxChecksumMismatch } from './okx-book-verifier'

/** The ccxt.pro internals a book resync touches (base Exchange and its WebSocket Client). */
interface ProInternals {
  clients?: Record<string, { subscriptions: Record<string, unknown>; reject(e: Error, hash: string): void }>
  orderbooks?: Record<string, unknown>
}

/**
 * Fails an OKX book watch the way ccxt.pro fails a book on a Binance `pu` gap or an OKX `prevSeqId` gap:
 * the book and its subscription are dropped and the pending `watchOrderBook` rejects. The stream loop then
 * takes its usual error path (status, backoff, forget stream positions) and watches again, which makes
 * ccxt subscribe anew; OKX starts every subscription with a snapshot, and until it arrives ccxt ignores
 * updates for the dropped book. Runs before ccxt sees the mismatching frame, so that frame is ignored too.
 */
export function resyncOkxBook(ex: Exchange, url: string, m: OkxChecksumMismatch): void {
  const pro = ex as unknown as ProInternals
  const client = pro.clients?.[url]
  if (!client) return
  const symbol = ex.safeMarket(m.instId).symbol
  // ccxt's okx keys a book watch as `<channel>:<unified symbol>` (handleOrderBook's messageHash).
  const messageHash = `${m.channel}:${symbol}`
  delete client.subscriptions[messageHash]
  if (pro.orderbooks) delete pro.orderbooks[symbol]
  client.reject(
    new ccxt.ChecksumError(
      `${m.channel} ${m.instId} checksum mismatch (levels hash to ${m.computed}, venue sent ${m.sent}); resubscribing`,
    ),
    messageHash,
  )
}
