import type { Exchange } from 'ccxt'
import { describe, expect, it } from 'vitest'
import { bookConnectionUrl, resubscribeSilentBook } from './book-resync'

/** The ccxt.pro client fields the silent-book watchdog reads, as ccxt 4.5.84 names them per venue. */
function client(url: string, hashes: string[], readyState = 1) {
  const rejected: string[] = []
  return {
    url,
    connection: { readyState },
    subscriptions: Object.fromEntries(hashes.map((h) => [h, {}])),
    futures: Object.fromEntries(hashes.map((h) => [h, {}])),
    rejected,
    reject(_e: Error, hash: string) {
      rejected.push(hash)
    },
  }
}

describe('silent book resubscription', () => {
  it("finds each venue's book watch by its hash, on open connections only", () => {
    const binance = client('wss://binance/1', ['orderbook::BTC/USDT:USDT', 'trade::BTC/USDT:USDT'])
    const bybit = client('wss://bybit/linear', ['orderbook:ETH/USDT:USDT', 'trade:ETH/USDT:USDT'])
    const okx = client('wss://okx/public', ['books:BTC/USDT', 'trades:BTC/USDT'])
    const closed = client('wss://okx/closed', ['books:SOL/USDT'], 3)
    const ex = { clients: { a: binance, b: bybit, c: okx, d: closed } } as unknown as Exchange
    expect(bookConnectionUrl(ex, 'BTC/USDT:USDT')).toBe('a')
    expect(bookConnectionUrl(ex, 'ETH/USDT:USDT')).toBe('b')
    expect(bookConnectionUrl(ex, 'BTC/USDT')).toBe('c')
    expect(bookConnectionUrl(ex, 'SOL/USDT')).toBeNull()
    // A trade hash of the symbol is not its book.
    expect(
      bookConnectionUrl(
        { clients: { a: client('x', ['trade::X/USDT:USDT']) } } as unknown as Exchange,
        'X/USDT:USDT',
      ),
    ).toBeNull()
  })

  it('drops the book, its subscription and its watch, and leaves the other streams alone', () => {
    const c = client('wss://binance/1', ['orderbook::BTC/USDT:USDT', 'trade::BTC/USDT:USDT'])
    const ex = {
      clients: { a: c },
      orderbooks: { 'BTC/USDT:USDT': {}, 'ETH/USDT:USDT': {} },
    } as unknown as Exchange & { orderbooks: Record<string, unknown> }
    resubscribeSilentBook(ex, 'a', 'BTC/USDT:USDT', 'silent')
    expect(c.rejected).toEqual(['orderbook::BTC/USDT:USDT'])
    expect(Object.keys(c.subscriptions)).toEqual(['trade::BTC/USDT:USDT'])
    expect(Object.keys(ex.orderbooks)).toEqual(['ETH/USDT:USDT'])
  })
})
