import { basename } from 'node:path'
import type { MarketEvent, VenueId } from '../../../../shared/market-event'
import { ImportContext } from './import-context'
import { OrderBook } from './order-book'
import { num, readLines } from './read-text'
import { coinMarginedFaceUsd, unifiedBinanceSymbol } from './symbols'
import { ImportRefused, type Importer } from './types'

const DATA_TYPES = [
  'incremental_book_L2',
  'book_snapshot_25',
  'derivative_ticker',
  'liquidations',
  'quotes',
  'trades',
] as const
type DataType = (typeof DATA_TYPES)[number]

/** Tardis exchange ids the radar maps; amounts are as the exchange gives them (COIN-M: contracts). */
const EXCHANGES: Record<string, VenueId> = {
  'binance-futures': 'binanceusdm',
  'binance-delivery': 'binancecoinm',
  binance: 'binance',
  bybit: 'bybit',
}

function dataTypeOf(path: string, header: string[]): DataType {
  const name = basename(path)
  const named = DATA_TYPES.find((t) => name.includes(t))
  if (named) return named
  const h = new Set(header)
  if (h.has('is_snapshot')) return 'incremental_book_L2'
  if (h.has('asks[0].price')) return 'book_snapshot_25'
  if (h.has('funding_rate') || h.has('mark_price')) return 'derivative_ticker'
  if (h.has('ask_price') && h.has('bid_price')) return 'quotes'
  if (h.has('side') && h.has('price') && h.has('amount')) {
    throw new ImportRefused(
      `${name}: trades and liquidations share columns; keep "trades" or "liquidations" in the file name`,
    )
  }
  throw new ImportRefused(`${name}: not a Tardis CSV this importer reads (${DATA_TYPES.join(', ')})`)
}

function unifiedSymbol(exchange: string, venue: VenueId, raw: string): string {
  if (exchange === 'bybit') {
    if (!raw.endsWith('USDT'))
      throw new ImportRefused(`Bybit ${raw}: only USDT-margined (linear) contracts are supported`)
    return `${raw.slice(0, -4)}/USDT:USDT`
  }
  return unifiedBinanceSymbol(raw, venue)
}

/**
 * Tardis.dev CSV downloads (.csv or .csv.gz): timestamps are µs since epoch, `timestamp` the exchange's and
 * `local_timestamp` Tardis's receive time. Columns are read by header name.
 */
export const tardisImporter: Importer = {
  format: 'tardis',
  summary:
    'Tardis.dev CSV (.csv/.csv.gz): trades, derivative_ticker, liquidations, quotes, book snapshots, L2',
  async run(paths, opts) {
    const ctx = new ImportContext(paths, opts, 'Tardis.dev historical market data')
    const depth = opts.bookDepth ?? 20
    for (const path of paths) {
      ctx.beginFile(path)
      const lines = readLines(path)
      const header = (lines[0] ?? '').split(',')
      const col = new Map(header.map((h, i) => [h, i]))
      const type = dataTypeOf(path, header)
      const books = new Map<string, { book: OrderBook; inSnapshot: boolean }>()
      let pending: {
        key: string
        ev: Omit<MarketEvent, 'type'> & { venue: VenueId; symbol: string }
        toBase: (q: number, p: number) => number
      } | null = null
      const flushL2 = (): void => {
        if (!pending) return
        const st = books.get(pending.key)!
        const { bids, asks } = st.book.top(depth, pending.toBase)
        ctx.events.push({ ...pending.ev, type: 'book', bids, asks, sequence: null })
        pending = null
      }
      for (let i = 1; i < lines.length; i++) {
        if ((i & 8191) === 0) await ctx.tick(i / lines.length)
        const f = (lines[i] as string).split(',')
        const get = (name: string): string | undefined => f[col.get(name) ?? -1]
        const exchange = get('exchange') ?? ''
        const venue = opts.venue ?? EXCHANGES[exchange]
        if (!venue)
          throw new ImportRefused(
            `${ctx.fileName} line ${i + 1}: exchange "${exchange}" is not mapped (supported: ${Object.keys(EXCHANGES).join(', ')})`,
          )
        const ts = num(get('timestamp'))
        const local = num(get('local_timestamp'))
        if (ts === null || local === null || f.length !== header.length) {
          ctx.badRow(
            i + 1,
            f.length !== header.length
              ? `expected ${header.length} fields, found ${f.length}`
              : 'timestamp or local_timestamp is not a number',
          )
          continue
        }
        let symbol: string
        try {
          symbol = unifiedSymbol(exchange, venue, get('symbol') ?? '')
        } catch (err) {
          if (err instanceof ImportRefused) throw err
          ctx.badRow(i + 1, (err as Error).message)
          continue
        }
        const face = venue === 'binancecoinm' ? coinMarginedFaceUsd(symbol) : 0
        const toBase = (q: number, p: number): number => (face ? (q * face) / p : q)
        const base = {
          venue,
          symbol,
          exchangeTsMs: Math.floor(ts / 1000),
          receiveTsMs: Math.floor(local / 1000),
        }
        const problem = ((): string | null => {
          switch (type) {
            case 'trades':
            case 'liquidations': {
              const price = num(get('price'))
              const amount = num(get('amount'))
              const side = get('side')
              if (price === null || amount === null) return 'price or amount is not a number'
              if (side !== 'buy' && side !== 'sell') return `side "${side ?? ''}" is not buy or sell`
              const qtyBase = toBase(amount, price)
              if (type === 'trades')
                ctx.events.push({
                  ...base,
                  type: 'trade',
                  price,
                  qtyBase,
                  takerSide: side,
                  tradeId: get('id') ?? '',
                })
              // A liquidation's side is the forced order's: a sell closes a long.
              else
                ctx.events.push({
                  ...base,
                  type: 'liquidation',
                  positionSide: side === 'sell' ? 'long' : 'short',
                  price,
                  qtyBase,
                  usd: face ? amount * face : qtyBase * price,
                })
              return null
            }
            case 'quotes': {
              const [ask, askQ, bid, bidQ] = ['ask_price', 'ask_amount', 'bid_price', 'bid_amount'].map((n) =>
                num(get(n)),
              )
              if (ask == null || askQ == null || bid == null || bidQ == null) return 'quote has an empty side'
              ctx.events.push({
                ...base,
                type: 'quote',
                bid,
                bidQtyBase: toBase(bidQ, bid),
                ask,
                askQtyBase: toBase(askQ, ask),
              })
              return null
            }
            case 'derivative_ticker': {
              const mark = num(get('mark_price'))
              const rate = num(get('funding_rate'))
              const oi = num(get('open_interest'))
              if (mark !== null)
                ctx.events.push({
                  ...base,
                  type: 'mark',
                  markPrice: mark,
                  indexPrice: num(get('index_price')),
                })
              if (rate !== null) {
                const next = num(get('funding_timestamp'))
                ctx.events.push({
                  ...base,
                  type: 'funding',
                  fundingRatePerPeriod: rate,
                  fundingIntervalHours: 8,
                  nextFundingTsMs: next === null ? null : Math.floor(next / 1000),
                  predictedRatePerPeriod: num(get('predicted_funding_rate')),
                  settled: false,
                })
              }
              if (oi !== null) {
                const px = mark ?? num(get('last_price'))
                ctx.events.push(
                  face
                    ? {
                        ...base,
                        type: 'openInterest',
                        oiContracts: oi,
                        oiBase: px ? (oi * face) / px : null,
                        oiUsd: oi * face,
                      }
                    : {
                        ...base,
                        type: 'openInterest',
                        oiContracts: oi,
                        oiBase: oi,
                        oiUsd: px ? oi * px : null,
                      },
                )
              }
              return null
            }
            case 'book_snapshot_25': {
              const levels = (side: 'asks' | 'bids'): [number, number][] => {
                const out: [number, number][] = []
                for (let k = 0; k < 25 && out.length < depth; k++) {
                  const p = num(get(`${side}[${k}].price`))
                  const q = num(get(`${side}[${k}].amount`))
                  if (p === null || q === null) break
                  out.push([p, toBase(q, p)])
                }
                return out
              }
              ctx.events.push({
                ...base,
                type: 'book',
                bids: levels('bids'),
                asks: levels('asks'),
                sequence: null,
              })
              return null
            }
            case 'incremental_book_L2': {
              const price = num(get('price'))
              const amount = num(get('amount'))
              const side = get('side')
              if (price === null || amount === null || (side !== 'bid' && side !== 'ask'))
                return 'side, price or amount is invalid'
              const key = `${venue}:${symbol}`
              if (pending && (pending.key !== key || pending.ev.exchangeTsMs !== base.exchangeTsMs)) flushL2()
              let st = books.get(key)
              if (!st) books.set(key, (st = { book: new OrderBook(), inSnapshot: false }))
              const isSnap = get('is_snapshot') === 'true'
              if (isSnap && !st.inSnapshot) st.book.clear() // a new snapshot replaces the book
              st.inSnapshot = isSnap
              if (side === 'bid') st.book.setBid(price, amount)
              else st.book.setAsk(price, amount)
              pending = { key, ev: base, toBase }
              return null
            }
          }
        })()
        if (problem) ctx.badRow(i + 1, problem)
      }
      flushL2()
      ctx.count(`${type}Files`)
      if (type === 'derivative_ticker')
        ctx.note(
          'Tardis derivative_ticker funding estimates are labelled with an 8 h interval (the feed does not carry it).',
        )
    }
    ctx.finish()
    return ctx.result
  },
}
