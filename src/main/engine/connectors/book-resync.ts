import ccxt from 'ccxt'
import type { Exchange } from 'ccxt'
import type { BookGap } from './frame-guard'
import { dropCachedBook, wsClients } from './ccxt-internals'

/** A book as ccxt.pro keys it: `orderbooks[symbol]`, and the hash of its watch and of its subscription. */
interface CcxtBookKey {
  symbol: string
  messageHash: string
  why: string
}

/**
 * Where each venue's ccxt.pro code (4.5.84) keeps a book. okx: handleOrderBook resolves and subscribes
 * `<channel>:<unified symbol>`; bybit: watchOrderBookForSymbols watches and subscribes `orderbook:<unified
 * symbol>`, and handleOrderBook looks the market up as spot or contract by the connection's URL.
 */
function ccxtBookKey(ex: Exchange, url: string, gap: BookGap): CcxtBookKey {
  if ('instId' in gap) {
    const symbol = ex.safeMarket(gap.instId).symbol
    return {
      symbol,
      messageHash: `${gap.channel}:${symbol}`,
      why: `${gap.channel} ${gap.instId} checksum mismatch (levels hash to ${gap.computed}, venue sent ${gap.sent})`,
    }
  }
  const marketId = gap.topic.split('.').pop() as string
  const type = url.includes('spot') ? 'spot' : 'contract'
  const symbol = ex.safeMarket(marketId, undefined, undefined, type).symbol
  return {
    symbol,
    messageHash: `orderbook:${symbol}`,
    why: `${gap.topic} update id skipped from ${gap.lastU} to ${gap.u}`,
  }
}

/**
 * Fails a book watch the way ccxt.pro fails a book on a Binance `pu` gap or an OKX `prevSeqId` gap: the book
 * and its subscription are dropped and the pending `watchOrderBook` rejects. The stream loop then takes its
 * usual error path (status, backoff, forget stream positions) and watches again, which makes ccxt subscribe
 * anew; OKX and Bybit start every subscription with a snapshot. Runs before ccxt sees the gapped frame. Until
 * the snapshot, ccxt's okx ignores updates for the dropped book, and the frame guard drops Bybit's (ccxt's
 * bybit would start an empty book from them).
 */
export function resyncBook(ex: Exchange, url: string, gap: BookGap): void {
  const client = wsClients(ex)[url]
  if (!client) return
  const { symbol, messageHash, why } = ccxtBookKey(ex, url, gap)
  delete client.subscriptions[messageHash]
  dropCachedBook(ex, symbol)
  client.reject(new ccxt.ChecksumError(`${why}; resubscribing`), messageHash)
}

/**
 * Whether a ccxt.pro message hash is the book of `symbol`: binance `orderbook::<symbol>`, bybit
 * `orderbook:<symbol>`, okx `<books channel>:<symbol>` (books, books5, bbo-tbt, books-l2-tbt, ...).
 */
function isBookHash(hash: string, symbol: string): boolean {
  return (
    hash === `orderbook::${symbol}` ||
    hash === `orderbook:${symbol}` ||
    (/^(books|bbo)[\w-]*:/.test(hash) && hash.slice(hash.indexOf(':') + 1) === symbol)
  )
}

/** The open connection that carries `symbol`'s pending book watch, or null. */
export function bookConnectionUrl(ex: Exchange, symbol: string): string | null {
  for (const [url, client] of Object.entries(wsClients(ex))) {
    if (client.connection?.readyState !== 1) continue
    if (Object.keys(client.futures ?? {}).some((h) => isBookHash(h, symbol))) return url
  }
  return null
}

/**
 * Fails the pending watch of a book that went silent on a connection that is still alive, dropping the
 * book and its subscription as `resyncBook` does, so the stream loop subscribes anew and the venue starts
 * the book over from a snapshot. The other streams on the connection are left alone.
 */
export function resubscribeSilentBook(ex: Exchange, url: string, symbol: string, why: string): void {
  const client = wsClients(ex)[url]
  if (!client) return
  const hashes = new Set(
    [...Object.keys(client.subscriptions), ...Object.keys(client.futures ?? {})].filter((h) =>
      isBookHash(h, symbol),
    ),
  )
  dropCachedBook(ex, symbol)
  for (const hash of hashes) {
    delete client.subscriptions[hash]
    client.reject(new ccxt.NetworkError(`${why}; resubscribing`), hash)
  }
}
