import type { BookEvent, VenueId } from '../../../../shared/market-event'
import { ImportContext } from './import-context'
import { OrderBook } from './order-book'
import { readLineStream } from './line-stream'
import { coinMarginedFaceUsd, unifiedBinanceSymbol } from './symbols'
import type { Importer, ImportOptions, ImportResult } from './types'

type Json = Record<string, unknown>
type Level = [string, string]

interface Line {
  recvMs: number
  stream: string | null
  data: Json
}

/** Receive stamps are µs (16 digits) in some recordings and ns (19 digits) in others. */
export function receiveStampToMs(raw: string): number {
  const n = Number(raw)
  if (raw.length >= 18) return Math.floor(n / 1e6)
  if (raw.length >= 15) return Math.floor(n / 1e3)
  return Math.floor(n)
}

/** One recorded line: `<receive stamp> <JSON>`; throws why it cannot be read. */
function parseLine(text: string): Line {
  const sp = text.indexOf(' ')
  if (sp <= 0) throw new Error('no receive stamp')
  const stamp = text.slice(0, sp)
  if (!/^\d{10,19}$/.test(stamp)) throw new Error(`receive stamp "${stamp.slice(0, 20)}" is not a number`)
  const msg = JSON.parse(text.slice(sp + 1)) as Json
  const stream = typeof msg.stream === 'string' ? msg.stream : null
  const data = (stream ? msg.data : msg) as Json
  if (typeof data !== 'object' || data === null) throw new Error('message has no data object')
  return { recvMs: receiveStampToMs(stamp), stream, data }
}

const VENUE_SNIFF_LINES = 500
const OFFSET_SAMPLES = 5000

/**
 * What the main pass needs before its first event: the first messages (to tell the venue) and the first
 * exchange-minus-receive offsets (for messages without exchange time). Read from the head of the file and
 * stopped early, so only those few thousand values are held whatever the file's size.
 */
async function sniffFile(path: string): Promise<{ head: Line[]; offsets: number[] }> {
  const head: Line[] = []
  const offsets: number[] = []
  const reader = await readLineStream(path)
  for await (const { text } of reader.lines) {
    let l: Line
    try {
      l = parseLine(text)
    } catch {
      l = { recvMs: NaN, stream: null, data: {} }
    }
    if (head.length < VENUE_SNIFF_LINES) head.push(l)
    if (typeof l.data.E === 'number') offsets.push(l.data.E - l.recvMs)
    if (offsets.length >= OFFSET_SAMPLES) break
  }
  return { head, offsets }
}

/** Venue of a recording: from `--venue`, the folder (usdm / cm / spot) or the messages themselves. */
function detectVenue(path: string, lines: readonly Line[], opts: ImportOptions): VenueId {
  if (opts.venue) return opts.venue
  if (/[/\\](cm|coinm)[/\\]/i.test(path)) return 'binancecoinm'
  if (/[/\\](usdm|um|futures)[/\\]/i.test(path)) return 'binanceusdm'
  if (/[/\\]spot[/\\]/i.test(path)) return 'binance'
  for (const l of lines.slice(0, VENUE_SNIFF_LINES)) {
    if (String(l.data.s ?? l.data.symbol ?? '').includes('_')) return 'binancecoinm'
    if ('pu' in l.data || 'X' in l.data || l.data.e === 'markPriceUpdate') return 'binanceusdm'
  }
  return 'binance'
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? (s[s.length >> 1] as number) : 0
}

const n = (v: unknown): number => Number(v)

/**
 * Raw Binance combined-stream WebSocket logs (`<receive stamp> <JSON>` per line, gzip): trades, diff depth
 * (book seeded from the diffs, reset by a REST snapshot line when one is present), bookTicker and the
 * 1 s mark price stream. Several files (perp + spot) are merged into one time-ordered session.
 */
export const binanceWsImporter: Importer = {
  format: 'binance-ws',
  summary: 'raw Binance WebSocket logs (<µs|ns receive time> <combined-stream JSON>, .gz)',
  async run(paths, opts): Promise<ImportResult> {
    const ctx = new ImportContext(paths, opts, 'Binance combined-stream WebSocket recordings')
    let sawFunding = false
    const fundingIntervalHours = 8
    for (const path of paths) {
      ctx.beginFile(path)
      const { head, offsets } = await sniffFile(path)
      const venue = detectVenue(path, head, opts)
      // Messages without an exchange time (spot bookTicker) get the receive time shifted by the file's
      // typical exchange-minus-receive offset, so they sort consistently with the stamped streams.
      const clockOffsetMs = median(offsets)
      const books = new Map<
        string,
        { book: OrderBook; lastU: number | null; snapshotU: number | null; fresh: boolean }
      >()
      let fileSymbol: string | null = null
      let unstamped = 0
      let seeded = false

      // Streamed line by line: the events go to the spill in chunks, so memory holds one chunk and the books.
      const reader = await readLineStream(path)
      let i = -1
      for await (const { text } of reader.lines) {
        i++
        if ((i & 4095) === 0) await ctx.tick(reader.bytesRead() / Math.max(1, ctx.currentFileBytes))
        let l: Line
        try {
          l = parseLine(text)
        } catch (err) {
          ctx.badRow(i + 1, (err as Error).message)
          continue
        }
        const d = l.data
        const rawSym: string = String(d.s ?? d.symbol ?? fileSymbol ?? '')
        if (!rawSym) {
          ctx.badRow(i + 1, 'message names no symbol')
          continue
        }
        fileSymbol ??= rawSym
        const symbol = unifiedBinanceSymbol(rawSym, venue)
        const face = venue === 'binancecoinm' ? coinMarginedFaceUsd(symbol) : 0
        const toBase = (q: number, price: number): number => (face ? (q * face) / price : q)
        const base = { venue, symbol, receiveTsMs: l.recvMs }
        const stamped = (ts: unknown): number => {
          if (typeof ts === 'number') return ts
          unstamped++
          return l.recvMs + clockOffsetMs
        }
        const kind = l.stream
          ? l.stream.slice(l.stream.indexOf('@') + 1)
          : 'lastUpdateId' in d
            ? 'snapshot'
            : 'unknown'
        const out = ctx.events
        if (kind === 'trade' || kind === 'aggTrade') {
          const price = n(d.p)
          out.push({
            ...base,
            type: 'trade',
            exchangeTsMs: stamped(d.T ?? d.E),
            price,
            qtyBase: toBase(n(d.q), price),
            takerSide: d.m ? 'sell' : 'buy',
            tradeId: String(d.t ?? d.a),
          })
          // Futures trades carry the order type in X: the liquidation engine's own orders (INSURANCE_FUND) and
          // auto-deleveraging fills (ADL) are liquidations printed on the tape; the taker is the forced order,
          // so a taker sell closes a long.
          if (d.X === 'INSURANCE_FUND' || d.X === 'ADL') {
            const qtyBase = toBase(n(d.q), price)
            out.push({
              ...base,
              type: 'liquidation',
              exchangeTsMs: stamped(d.T ?? d.E),
              positionSide: d.m ? 'long' : 'short',
              price,
              qtyBase,
              usd: face ? n(d.q) * face : qtyBase * price,
            })
            ctx.count(d.X === 'ADL' ? 'adlTrades' : 'insuranceFundTrades')
          }
        } else if (kind === 'bookTicker') {
          const bid = n(d.b)
          const ask = n(d.a)
          out.push({
            ...base,
            type: 'quote',
            exchangeTsMs: stamped(d.T ?? d.E),
            bid,
            bidQtyBase: toBase(n(d.B), bid),
            ask,
            askQtyBase: toBase(n(d.A), ask),
          })
        } else if (kind.startsWith('markPrice')) {
          const ts = stamped(d.E)
          out.push({
            ...base,
            type: 'mark',
            exchangeTsMs: ts,
            markPrice: n(d.p),
            indexPrice: d.i === undefined ? null : n(d.i),
          })
          if (d.r !== undefined && d.r !== '') {
            sawFunding = true
            out.push({
              ...base,
              type: 'funding',
              exchangeTsMs: ts,
              fundingRatePerPeriod: n(d.r),
              fundingIntervalHours,
              nextFundingTsMs: typeof d.T === 'number' ? d.T : null,
              predictedRatePerPeriod: null,
              settled: false,
            })
            ctx.count('fundingEstimates')
          }
        } else if (kind.startsWith('depth') || kind === 'snapshot') {
          let st = books.get(symbol)
          if (!st)
            books.set(symbol, (st = { book: new OrderBook(), lastU: null, snapshotU: null, fresh: false }))
          const isSnapshot = kind === 'snapshot'
          const u = n(isSnapshot ? d.lastUpdateId : d.u)
          if (isSnapshot) {
            st.book.clear()
            st.snapshotU = u
            st.fresh = true
          } else if (st.snapshotU !== null && u <= st.snapshotU) {
            continue // already contained in the snapshot
          } else if (st.fresh) {
            st.fresh = false // the first diff after a snapshot straddles it; continuity starts here
          } else if (st.lastU !== null) {
            const prev = typeof d.pu === 'number' ? d.pu : n(d.U) - 1
            if (prev !== st.lastU) {
              ctx.count('depthSequenceBreaks')
              const ts = stamped(d.T ?? d.E)
              out.push({
                ...base,
                type: 'gap',
                exchangeTsMs: ts,
                stream: 'book',
                fromTsMs: ts,
                toTsMs: ts,
                reason: `depth sequence break: expected ${st.lastU}, update starts after ${prev}`,
                backfilled: false,
              })
            }
          }
          if (!isSnapshot && st.snapshotU === null) seeded = true
          for (const [p, q] of (isSnapshot ? d.bids : d.b) as Level[]) st.book.setBid(n(p), n(q))
          for (const [p, q] of (isSnapshot ? d.asks : d.a) as Level[]) st.book.setAsk(n(p), n(q))
          st.lastU = u
          const { bids, asks } = st.book.top(opts.bookDepth ?? 20, toBase)
          const ev: BookEvent = {
            ...base,
            type: 'book',
            exchangeTsMs: stamped(d.T ?? d.E),
            bids,
            asks,
            sequence: u,
          }
          out.push(ev)
          if (isSnapshot) ctx.count('depthSnapshots')
        } else {
          ctx.badRow(i + 1, `unrecognised stream "${l.stream ?? 'no stream'}"`)
        }
      }
      if (unstamped > 0) {
        ctx.note(
          `${unstamped} messages of ${ctx.fileName} carry no exchange time (spot bookTicker); their time is the receive time shifted by the file's median exchange-minus-receive offset (${clockOffsetMs} ms).`,
        )
      }
      if (seeded) {
        ctx.note(
          'Order books are seeded from the diff stream (the recordings hold no initial snapshot, or updates before it): levels untouched since the recording began are missing until they change.',
        )
      }
      if (venue === 'binancecoinm') {
        ctx.note(
          'COIN-M quantities are contracts of 100 USD (BTC) or 10 USD (other coins); they are stored in base units as contracts × face USD / price.',
        )
      }
    }
    if (sawFunding) {
      ctx.note(
        `Funding estimates from the markPrice stream are labelled with an 8 h interval (Binance BTCUSDT's interval at the time; the stream does not carry it).`,
      )
    }
    await ctx.finish()
    return ctx.result
  },
}
