import { BookState } from './book-state'
import { readFundingCsv, windowRows } from './history-data'
import type { FundingRow } from './history-data'
import type { RestReply, RestRequest } from './http-util'
import { intParam, json } from './http-util'
import { ReplayFeed } from './replay-feed'
import type { RecordedFrame } from './recordings'
import { dataPath, readCaptureFile } from './recordings'

export type BybitCategory = 'linear' | 'spot'

const FUNDING: Record<string, string> = {
  BTCUSDT: 'BTC-USDT/BTC-USDT_bybit_2021-01-01_2024-01-01_funding_history.csv',
  ETHUSDT: 'ETH-USDT/ETH-USDT_bybit_2021-01-01_2024-01-01_funding_history.csv',
}

interface BybitFrame {
  topic?: string
  type?: string
  ts?: number
  data?: unknown
  cts?: number
}

/** State of one category's replay: books and tickers (for snapshots on subscribe), klines and trades. */
class CategoryState {
  readonly books = new Map<string, BookState>()
  readonly tickers = new Map<string, Record<string, unknown>>()
  readonly klines = new Map<string, Map<number, Record<string, string>>>()
  readonly trades = new Map<string, Record<string, unknown>[]>()

  apply(topic: string, text: string): void {
    const f = JSON.parse(text) as BybitFrame
    const [kind, ...rest] = topic.split('.')
    const symbol = rest[rest.length - 1] as string
    if (kind === 'orderbook') {
      const d = f.data as { b?: unknown; a?: unknown; u?: number; seq?: number }
      let book = this.books.get(topic)
      if (!book) this.books.set(topic, (book = new BookState()))
      if (f.type === 'snapshot') book.reset()
      book.apply('bids', d.b)
      book.apply('asks', d.a)
      book.updateId = d.u ?? null
      book.seq = d.seq ?? null
      book.tsMs = f.ts ?? null
    } else if (kind === 'tickers') {
      const prev = f.type === 'snapshot' ? {} : (this.tickers.get(symbol) ?? {})
      this.tickers.set(symbol, { ...prev, ...(f.data as Record<string, unknown>) })
    } else if (kind === 'kline') {
      let bars = this.klines.get(symbol)
      if (!bars) this.klines.set(symbol, (bars = new Map()))
      for (const k of f.data as Record<string, string>[]) bars.set(Number(k.start), k)
    } else if (kind === 'publicTrade') {
      let list = this.trades.get(symbol)
      if (!list) this.trades.set(symbol, (list = []))
      list.push(...(f.data as Record<string, unknown>[]))
      if (list.length > 1000) list.splice(0, list.length - 1000)
    }
  }
}

const bybitOk = (result: unknown): RestReply =>
  json({ retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: Date.now() })
const bybitError = (msg: string, status = 404): RestReply =>
  json({ retCode: 10001, retMsg: msg, result: {}, retExtInfo: {}, time: Date.now() }, status)

/** Bybit v5 linear + spot from BYBIT.jsonl.zst: REST instruments, and the WebSocket topics it recorded. */
export class BybitVenue {
  readonly feeds = new Map<BybitCategory, ReplayFeed>()
  readonly state = new Map<BybitCategory, CategoryState>()
  private readonly instruments = new Map<BybitCategory, string>()
  private readonly funding = new Map<string, FundingRow[]>()

  constructor(private readonly opts: { dataDir: string; speed: number }) {
    const entries = readCaptureFile(dataPath(opts.dataDir, 'exchange-ws-recordings', 'BYBIT.jsonl.zst'))
    const byConn = new Map<string, RecordedFrame[]>()
    for (const e of entries) {
      if (e.t === 'http' && e.url && e.data) {
        const cat = new URL(e.url).searchParams.get('category')
        if (cat === 'linear' || cat === 'spot') this.instruments.set(cat, e.data)
      }
      if (e.t !== 'recv' || !e.conn || !e.data || e.ts === undefined) continue
      const topic = (JSON.parse(e.data) as BybitFrame).topic
      if (!topic) continue // subscribe acknowledgements are answered live
      let list = byConn.get(e.conn)
      if (!list) byConn.set(e.conn, (list = []))
      list.push({ recvMs: e.ts * 1000, stream: topic, text: e.data })
    }
    for (const frames of byConn.values()) {
      // The linear connection is the one whose tickers carry a mark price.
      const linear = frames.some((f) => f.stream.startsWith('tickers.') && f.text.includes('"markPrice"'))
      const cat: BybitCategory = linear ? 'linear' : 'spot'
      const st = new CategoryState()
      this.state.set(cat, st)
      this.feeds.set(
        cat,
        new ReplayFeed(`bybit:${cat}`, frames, {
          speed: opts.speed,
          loop: false,
          streamKey: (s) => s,
          onFrame: (topic, text) => st.apply(topic, text),
        }),
      )
    }
  }

  /** The snapshot a client is sent on subscribing mid-replay (Bybit sends one on every subscribe). */
  snapshotFor(cat: BybitCategory, topic: string): string | null {
    const st = this.state.get(cat)
    if (!st) return null
    const symbol = topic.split('.').pop() as string
    if (topic.startsWith('orderbook.')) {
      const book = st.books.get(topic)
      if (!book || book.updateId === null) return null
      const depth = Number(topic.split('.')[1])
      const top = book.top(depth)
      return JSON.stringify({
        topic,
        type: 'snapshot',
        ts: book.tsMs,
        data: { s: symbol, b: top.bids, a: top.asks, u: book.updateId, seq: book.seq },
        cts: book.tsMs,
      })
    }
    if (topic.startsWith('tickers.')) {
      const t = st.tickers.get(symbol)
      return t ? JSON.stringify({ topic, type: 'snapshot', ts: Date.now(), data: t }) : null
    }
    return null
  }

  private fundingRows(symbol: string): FundingRow[] | null {
    const file = FUNDING[symbol]
    if (!file) return null
    let rows = this.funding.get(symbol)
    if (!rows) {
      rows = readFundingCsv(dataPath(this.opts.dataDir, 'funding-history', file), 3)
      this.funding.set(symbol, rows)
    }
    return rows
  }

  handle(req: RestRequest): RestReply | null {
    const q = req.query
    const cat = q.get('category') as BybitCategory | null
    const symbol = (q.get('symbol') ?? '').toUpperCase()
    switch (req.path) {
      case '/v5/market/time': {
        const now = Date.now()
        return bybitOk({ timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` })
      }
      case '/v5/market/instruments-info': {
        const text = cat ? this.instruments.get(cat) : undefined
        return text ? { status: 200, body: text } : bybitError(`no recorded instruments for category ${cat}`)
      }
      case '/v5/market/funding/history': {
        const rows = this.fundingRows(symbol)
        if (!rows) return bybitError(`no recorded funding history for ${symbol}`)
        const limit = Math.min(intParam(q, 'limit') ?? 200, 200)
        const start = intParam(q, 'startTime')
        const end = intParam(q, 'endTime')
        // Bybit pages backwards: the newest `limit` rows at or before endTime, newest first.
        const inRange = rows.filter(
          (r) => (start === null || r.fundingTimeMs >= start) && (end === null || r.fundingTimeMs <= end),
        )
        const list = inRange
          .slice(Math.max(0, inRange.length - limit))
          .reverse()
          .map((r) => ({ symbol, fundingRate: r.rate, fundingRateTimestamp: String(r.fundingTimeMs) }))
        return bybitOk({ category: cat, list })
      }
      case '/v5/market/kline': {
        const bars = cat ? this.state.get(cat)?.klines.get(symbol) : undefined
        if (q.get('interval') !== '1') return bybitError('only interval=1 is recorded', 400)
        const rows = [...(bars?.values() ?? [])]
          .sort((a, b) => Number(a.start) - Number(b.start))
          .map((k) => [k.start, k.open, k.high, k.low, k.close, k.volume, k.turnover])
        const limit = Math.min(intParam(q, 'limit') ?? 200, 1000)
        const list = windowRows(
          rows,
          (r) => Number(r[0]),
          intParam(q, 'start'),
          intParam(q, 'end'),
          limit,
        ).reverse()
        return bybitOk({ category: cat, symbol, list })
      }
      case '/v5/market/recent-trade': {
        const trades = cat ? (this.state.get(cat)?.trades.get(symbol) ?? []) : []
        // Bybit keeps no older page: the newest 1,000 (linear; spot 60) are its whole REST reach.
        const limit =
          cat === 'spot'
            ? Math.min(intParam(q, 'limit') ?? 60, 60)
            : Math.min(intParam(q, 'limit') ?? 500, 1000)
        const list = trades
          .slice(-limit)
          .reverse()
          .map((t) => ({
            execId: t.i,
            symbol,
            price: t.p,
            size: t.v,
            side: t.S,
            time: String(t.T),
            isBlockTrade: t.BT,
          }))
        return bybitOk({ category: cat, list })
      }
      case '/v5/market/tickers': {
        const t = cat ? this.state.get(cat)?.tickers.get(symbol) : undefined
        if (!t) return bybitError(`no recorded ticker for ${symbol} yet`)
        return bybitOk({ category: cat, list: [t] })
      }
      default:
        return req.path.startsWith('/v5/') ? bybitError(`${req.path} has no recording in the emulator`) : null
    }
  }
}
