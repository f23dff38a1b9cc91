import type { MarketEvent, VenueId } from '../../../../shared/market-event'
import { ImportContext } from './import-context'
import { readLineStream } from './line-stream'
import { OrderBook } from './order-book'
import { num } from './read-text'
import { badPrice, outsideVenueLife, timeUnitOf } from './row-domain'
import { amountToBase, amountToUsd, type TardisMarket } from './tardis-exchanges'
import { isIdentifier, safeText, setupTardisFile, type TardisFileSetup } from './tardis-setup'
import type { Importer } from './types'

/** Event heads are copied field by field: object spread (`{ ...base }`) costs microseconds per event on Node 20. */
type Base = { venue: VenueId; symbol: string; exchangeTsMs: number; receiveTsMs: number }

interface FileState {
  s: TardisFileSetup
  depth: number
  markets: Map<string, TardisMarket | string>
  books: Map<string, { book: OrderBook; inSnapshot: boolean }>
  pending: { key: string; base: Base; market: TardisMarket } | null
}

const toBase = (m: TardisMarket) => (q: number, p: number) => amountToBase(m.unit, q, p)

function flushL2(st: FileState, out: MarketEvent[]): void {
  if (!st.pending) return
  const { key, base, market } = st.pending
  const { bids, asks } = st.books.get(key)!.book.top(st.depth, toBase(market))
  out.push({
    venue: base.venue,
    symbol: base.symbol,
    exchangeTsMs: base.exchangeTsMs,
    receiveTsMs: base.receiveTsMs,
    type: 'book',
    bids,
    asks,
    sequence: null,
  })
  st.pending = null
}

/**
 * Trades, the bulk of any Tardis download, by precomputed column indexes and one object literal per event
 * (the generic path looks columns up by name per row).
 */
function tradeRow(f: string[], ix: number[], base: Base, m: TardisMarket, out: MarketEvent[]): string | null {
  const price = num(f[ix[0]!])
  const amount = num(f[ix[1]!])
  const side = f[ix[2]!]
  if (price === null || amount === null) return 'price or amount is not a number'
  const bad = badPrice('price', price) ?? (amount > 0 ? null : `amount ${amount} is not > 0`)
  if (bad) return bad
  if (side !== 'buy' && side !== 'sell') return `side ${safeText(side ?? '')} is not buy or sell`
  const id = f[ix[3]!] ?? ''
  out.push({
    type: 'trade',
    venue: base.venue,
    symbol: base.symbol,
    exchangeTsMs: base.exchangeTsMs,
    receiveTsMs: base.receiveTsMs,
    price,
    qtyBase: m.unit.kind === 'base' ? amount : amountToBase(m.unit, amount, price),
    takerSide: side,
    tradeId: id.length <= 40 && isIdentifier(id) ? id : '',
  })
  return null
}

/** The events of one row; returns why the row is bad, or null. */
function rowEvents(
  st: FileState,
  get: (c: string) => string | undefined,
  base: Base,
  m: TardisMarket,
  out: MarketEvent[],
): string | null {
  const { s } = st
  switch (s.type) {
    case 'trades':
    case 'liquidations': {
      const price = num(get('price'))
      const amount = num(get('amount'))
      const side = get('side')
      if (price === null || amount === null) return 'price or amount is not a number'
      const bad = badPrice('price', price) ?? (amount > 0 ? null : `amount ${amount} is not > 0`)
      if (bad) return bad
      if (side !== 'buy' && side !== 'sell') return `side ${safeText(side ?? '')} is not buy or sell`
      const qtyBase = amountToBase(m.unit, amount, price)
      if (s.type === 'trades') {
        const id = get('id') ?? ''
        out.push({
          venue: base.venue,
          symbol: base.symbol,
          exchangeTsMs: base.exchangeTsMs,
          receiveTsMs: base.receiveTsMs,
          type: 'trade',
          price,
          qtyBase,
          takerSide: side,
          tradeId: isIdentifier(id) ? id : '',
        })
      } else {
        // A liquidation's side is the forced order's: a sell closes a long.
        out.push({
          venue: base.venue,
          symbol: base.symbol,
          exchangeTsMs: base.exchangeTsMs,
          receiveTsMs: base.receiveTsMs,
          type: 'liquidation',
          positionSide: side === 'sell' ? 'long' : 'short',
          price,
          qtyBase,
          usd: amountToUsd(m.unit, amount, price),
        })
      }
      return null
    }
    case 'quotes': {
      const [ask, askQ, bid, bidQ] = ['ask_price', 'ask_amount', 'bid_price', 'bid_amount'].map((n) =>
        num(get(n)),
      )
      if (ask == null || askQ == null || bid == null || bidQ == null) return 'quote has an empty side'
      const bad = badPrice('bid', bid) ?? badPrice('ask', ask)
      if (bad) return bad
      out.push({
        venue: base.venue,
        symbol: base.symbol,
        exchangeTsMs: base.exchangeTsMs,
        receiveTsMs: base.receiveTsMs,
        type: 'quote',
        bid,
        bidQtyBase: amountToBase(m.unit, bidQ, bid),
        ask,
        askQtyBase: amountToBase(m.unit, askQ, ask),
      })
      return null
    }
    case 'derivative_ticker': {
      const mark = num(get('mark_price'))
      const rate = num(get('funding_rate'))
      const oi = num(get('open_interest'))
      if (mark !== null) {
        const bad = badPrice('mark_price', mark)
        if (bad) return bad
        out.push({
          venue: base.venue,
          symbol: base.symbol,
          exchangeTsMs: base.exchangeTsMs,
          receiveTsMs: base.receiveTsMs,
          type: 'mark',
          markPrice: mark,
          indexPrice: num(get('index_price')),
        })
      }
      if (rate !== null && s.exchange.fundingIntervalHours !== null) {
        const next = num(get('funding_timestamp'))
        out.push({
          venue: base.venue,
          symbol: base.symbol,
          exchangeTsMs: base.exchangeTsMs,
          receiveTsMs: base.receiveTsMs,
          type: 'funding',
          fundingRatePerPeriod: rate,
          fundingIntervalHours: s.exchange.fundingIntervalHours,
          nextFundingTsMs: next === null ? null : Math.floor(next / 1000),
          predictedRatePerPeriod: num(get('predicted_funding_rate')),
          settled: false,
        })
      }
      if (oi !== null) {
        if (oi < 0) return `open_interest ${oi} is negative`
        const px = mark ?? num(get('last_price'))
        // Open interest is counted in the exchange's amount unit, like trades.
        const u = m.unit
        const oiBase = u.kind === 'usd' ? (px ? amountToBase(u, oi, px) : null) : amountToBase(u, oi, 1)
        out.push({
          venue: base.venue,
          symbol: base.symbol,
          exchangeTsMs: base.exchangeTsMs,
          receiveTsMs: base.receiveTsMs,
          type: 'openInterest',
          oiContracts: oi,
          oiBase,
          oiUsd: u.kind === 'usd' ? oi * u.faceUsd : px && oiBase !== null ? oiBase * px : null,
        })
      }
      return null
    }
    case 'book_snapshot_25':
    case 'book_snapshot_5': {
      const levels = (side: 'asks' | 'bids'): [number, number][] => {
        const out: [number, number][] = []
        const n = s.type === 'book_snapshot_25' ? 25 : 5
        for (let k = 0; k < n && out.length < st.depth; k++) {
          const p = num(get(`${side}[${k}].price`))
          const q = num(get(`${side}[${k}].amount`))
          if (p === null || q === null || !(p > 0)) break
          out.push([p, amountToBase(m.unit, q, p)])
        }
        return out
      }
      out.push({
        venue: base.venue,
        symbol: base.symbol,
        exchangeTsMs: base.exchangeTsMs,
        receiveTsMs: base.receiveTsMs,
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
      if (
        price === null ||
        amount === null ||
        (side !== 'bid' && side !== 'ask') ||
        !(price > 0) ||
        amount < 0
      )
        return 'side, price or amount is invalid'
      const key = `${base.venue}:${base.symbol}`
      if (st.pending && (st.pending.key !== key || st.pending.base.exchangeTsMs !== base.exchangeTsMs))
        flushL2(st, out)
      let b = st.books.get(key)
      if (!b) st.books.set(key, (b = { book: new OrderBook(), inSnapshot: false }))
      const isSnap = get('is_snapshot') === 'true'
      if (isSnap && !b.inSnapshot) b.book.clear() // a new snapshot replaces the book
      b.inSnapshot = isSnap
      if (side === 'bid') b.book.setBid(price, amount)
      else b.book.setAsk(price, amount)
      st.pending = { key, base, market: m }
      return null
    }
  }
}

async function importFile(ctx: ImportContext, s: TardisFileSetup, depth: number): Promise<void> {
  ctx.beginFile(s.path)
  const st: FileState = { s, depth, markets: new Map(), books: new Map(), pending: null }
  const reader = await readLineStream(s.path)
  const width = s.header.length
  const iEx = s.col.get('exchange')!
  const iSym = s.col.get('symbol')!
  const iTs = s.col.get('timestamp')!
  const iLocal = s.col.get('local_timestamp') ?? iTs
  const tradeIx = ['price', 'amount', 'side', 'id'].map((c) => s.col.get(c) ?? -1)
  for await (const { text, line } of reader.lines) {
    if (line === 1 || text === '') continue
    if ((line & 8191) === 0) await ctx.tick(reader.bytesRead() / Math.max(1, ctx.currentFileBytes))
    const f = text.split(',')
    const ts = num(f[iTs])
    const local = num(f[iLocal])
    if (ts === null || local === null || f.length !== width) {
      ctx.badRow(
        line,
        f.length !== width
          ? `expected ${width} fields, found ${f.length}`
          : 'timestamp or local_timestamp is not a number',
      )
      continue
    }
    // Tardis stamps microseconds: a row in ms, ns or 1970 is a broken row, not a far-away time.
    if (timeUnitOf(ts) !== 'us') {
      ctx.badRow(line, `timestamp ${ts} is not in µs between 2009 and 2100`)
      continue
    }
    if (f[iEx] !== s.exchangeId) {
      ctx.badRow(line, `exchange ${safeText(f[iEx] ?? '')} differs from the file's "${s.exchangeId}"`)
      continue
    }
    const raw = f[iSym] ?? ''
    let m = st.markets.get(raw)
    if (m === undefined) {
      m = isIdentifier(raw) ? s.exchange.parse(raw) : `symbol ${safeText(raw)} is not a symbol`
      st.markets.set(raw, m)
    }
    if (typeof m === 'string') {
      ctx.badRow(line, m)
      continue
    }
    const exchangeTsMs = Math.floor(ts / 1000)
    const life = outsideVenueLife(exchangeTsMs, s.exchange.venue)
    if (life) {
      ctx.badRow(line, life)
      continue
    }
    const base: Base = {
      venue: s.exchange.venue,
      symbol: m.symbol,
      exchangeTsMs,
      receiveTsMs: Math.floor(local / 1000),
    }
    const problem =
      s.type === 'trades'
        ? tradeRow(f, tradeIx, base, m, ctx.events)
        : rowEvents(st, (c) => f[s.col.get(c) ?? -1], base, m, ctx.events)
    if (problem) ctx.badRow(line, problem)
  }
  flushL2(st, ctx.events)
  ctx.count(`${s.type}Files`)
  const inverse = [...st.markets.values()].filter(
    (x): x is TardisMarket => typeof x !== 'string' && x.unit.kind !== 'base',
  )
  if (inverse.length) {
    ctx.note(
      `${s.file}: ${s.exchangeId} amounts are contracts (${[...new Set(inverse.map((x) => `${x.symbol}: ${x.unit.kind === 'usd' ? `${x.unit.faceUsd} USD` : `${(x.unit as { size: number }).size} base`} each`))].join(', ')}), stored in base units.`,
    )
  }
  if (s.type === 'derivative_ticker' && s.exchange.fundingIntervalHours !== null) {
    ctx.note(
      `${s.file}: funding rates are per ${s.exchange.fundingIntervalHours} h, ${s.exchangeId}'s standard period (the feed does not carry it).`,
    )
  }
}

/**
 * Tardis.dev CSV downloads (.csv or .csv.gz) of every exchange in its table: timestamps are µs since epoch,
 * `timestamp` the exchange's and `local_timestamp` Tardis's receive time; columns are read by header name.
 * Every input's header, exchange and first symbol are checked before the first file is imported, and files
 * are streamed line by line.
 */
export const tardisImporter: Importer = {
  format: 'tardis',
  summary:
    'Tardis.dev CSV (.csv/.csv.gz) of any mapped exchange: trades, quotes, book snapshots, L2, derivative_ticker, liquidations',
  async run(paths, opts) {
    const setups: TardisFileSetup[] = []
    for (const p of paths) setups.push(await setupTardisFile(p, opts))
    const ctx = new ImportContext(paths, opts, 'Tardis.dev historical market data')
    for (const s of setups) await importFile(ctx, s, opts.bookDepth ?? 20)
    await ctx.finish()
    return ctx.result
  },
}
