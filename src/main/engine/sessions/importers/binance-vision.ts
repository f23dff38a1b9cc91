import { basename } from 'node:path'
import type { CandlePriceKind, MarketEvent, VenueId } from '../../../../shared/market-event'
import { ImportContext } from './import-context'
import { readLineStream } from './line-stream'
import { isHeaderRow, num } from './read-text'
import { coinMarginedFaceUsd, unifiedBinanceSymbol } from './symbols'
import { ImportRefused, type Importer } from './types'
import {
  barSizeMismatch,
  depthBandNotes,
  KlineRowsSeen,
  refuseIfPriceIndexKlines,
  type DepthBand,
} from './vision-checks'

type Kind =
  | 'aggTrades'
  | 'trades'
  | 'klines'
  | 'markPriceKlines'
  | 'indexPriceKlines'
  | 'premiumIndexKlines'
  | 'metrics'
  | 'fundingRate'
  | 'bookDepth'
  | 'bookTicker'

const NAMED_KINDS: readonly Kind[] = [
  'aggTrades',
  'trades',
  'metrics',
  'fundingRate',
  'bookDepth',
  'bookTicker',
]
const KLINE_FOLDERS: readonly Kind[] = ['markPriceKlines', 'indexPriceKlines', 'premiumIndexKlines', 'klines']
const PRICE_KIND: Partial<Record<Kind, CandlePriceKind>> = {
  klines: 'last',
  markPriceKlines: 'mark',
  indexPriceKlines: 'index',
  premiumIndexKlines: 'premium',
}
const INTERVAL_SEC: Record<string, number> = {
  '1s': 1,
  '1m': 60,
  '3m': 180,
  '5m': 300,
  '15m': 900,
  '30m': 1800,
  '1h': 3600,
  '2h': 7200,
  '4h': 14400,
  '6h': 21600,
  '8h': 28800,
  '12h': 43200,
  '1d': 86400,
  '3d': 259200,
  '1w': 604800,
}

interface FileKind {
  kind: Kind
  rawSymbol: string
  intervalSec: number | null
  venue: VenueId
}

/**
 * Reads the kind from a name as data.binance.vision publishes it (`BTCUSDT-aggTrades-2024-01-01.zip`,
 * `BTCUSDT-1m-2024-01-01.zip` under `markPriceKlines/`), and the market type from the folder
 * (`futures/um`, `futures/cm`, `spot`) or a COIN-M symbol.
 */
export function classifyVisionFile(path: string, venueOpt?: VenueId): FileKind {
  const name = basename(path).replace(/\.(zip|csv)$/i, '')
  const parts = name.split('-')
  const rawSymbol = parts[0] ?? ''
  const second = parts[1] ?? ''
  const norm = path.replace(/\\/g, '/')
  let kind: Kind | undefined = NAMED_KINDS.find((k) => k === second)
  let intervalSec: number | null = null
  if (!kind && INTERVAL_SEC[second] !== undefined) {
    intervalSec = INTERVAL_SEC[second]!
    kind = KLINE_FOLDERS.find((k) => norm.includes(`/${k}/`)) ?? 'klines'
  }
  if (!kind)
    throw new ImportRefused(
      `${basename(path)}: not a Binance public-data file name (SYMBOL-<kind|interval>-DATE.zip)`,
    )
  let venue: VenueId | undefined = venueOpt
  if (!venue && /\/futures\/um\//.test(norm)) venue = 'binanceusdm'
  if (!venue && (/\/futures\/cm\//.test(norm) || rawSymbol.includes('_'))) venue = 'binancecoinm'
  if (!venue && /\/spot\//.test(norm)) venue = 'binance'
  if (!venue && !['aggTrades', 'trades', 'klines'].includes(kind)) venue = 'binanceusdm'
  if (!venue) {
    throw new ImportRefused(
      `${basename(path)}: cannot tell spot from USDⓈ-M; keep the data.binance.vision folders (spot/, futures/um/) or pass --venue binance|binanceusdm`,
    )
  }
  return { kind, rawSymbol, intervalSec, venue }
}

/** Spot files from 2025 on stamp microseconds; everything else milliseconds. */
const toMs = (t: number): number => (t > 1e14 ? Math.floor(t / 1000) : t)
const bool = (s: string | undefined): boolean => /^true$/i.test((s ?? '').trim())
/** `2024-01-01 00:05:00` (UTC) as used by metrics and bookDepth. */
const utcText = (s: string | undefined): number | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec((s ?? '').trim())
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : null
}

/** A kline file read once ahead of its events, in constant memory, for the kind and bar-size checks. */
async function klineRowsSeen(path: string): Promise<KlineRowsSeen> {
  const seen = new KlineRowsSeen()
  const reader = await readLineStream(path)
  let first = true
  for await (const { text } of reader.lines) {
    if (!(first && isHeaderRow(text))) seen.push(text.split(','))
    first = false
    if (seen.settled) break
  }
  return seen
}

export const binanceVisionImporter: Importer = {
  format: 'binance-vision',
  summary: 'Binance public data (data.binance.vision) zip/csv: trades, klines, metrics, funding, book',
  async run(paths, opts) {
    const ctx = new ImportContext(paths, opts, 'Binance public data (data.binance.vision)')
    for (const path of paths) {
      ctx.beginFile(path)
      const fk = classifyVisionFile(path, opts.venue)
      const { kind, venue } = fk
      const symbol = unifiedBinanceSymbol(fk.rawSymbol, venue)
      const face = venue === 'binancecoinm' ? coinMarginedFaceUsd(symbol) : 0
      const toBase = (q: number, price: number): number => (face ? (q * face) / price : q)
      const depthRows = new Map<number, DepthBand[]>()
      let intervalSec = fk.intervalSec
      if (PRICE_KIND[kind]) {
        const seen = await klineRowsSeen(path)
        if (kind === 'klines') refuseIfPriceIndexKlines(ctx.fileName, seen)
        const fromData = barSizeMismatch(ctx.fileName, fk.intervalSec, seen.head)
        if (fromData !== null) {
          ctx.note(
            `${ctx.fileName}: the rows are ${fromData}-second bars although the name says ${fk.intervalSec ?? '?'} s; read as ${fromData} s.`,
          )
          intervalSec = fromData
        }
      }
      // Streamed line by line; only bookDepth keeps its file's snapshots (one day: a few thousand) for the notes.
      const reader = await readLineStream(path)
      let i = -1
      for await (const { text: line } of reader.lines) {
        i++
        if ((i & 8191) === 0) await ctx.tick(reader.bytesRead() / Math.max(1, ctx.currentFileBytes))
        if (i === 0 && isHeaderRow(line)) continue
        const f = line.split(',')
        const problem = emitRow(kind, f, { venue, symbol, face, toBase, intervalSec, depthRows }, ctx.events)
        if (problem) ctx.badRow(i + 1, problem)
      }
      for (const [ts, rows] of depthRows) ctx.events.push(bookFromDepthBands(venue, symbol, ts, rows))
      for (const n of depthBandNotes(ctx.fileName, depthRows)) ctx.note(n)
      ctx.count(`${kind}Files`)
      if (kind === 'metrics')
        ctx.note(
          'metrics files give the taker buy/sell ratio without volumes; it is not imported as taker volume.',
        )
      if (kind === 'bookDepth')
        ctx.note(
          'bookDepth (cumulative depth within ±1…5 % of mid) is stored as a coarse book: one level per band at the band’s volume-weighted price.',
        )
      if (face)
        ctx.note(
          'COIN-M quantities are contracts of 100 USD (BTC) or 10 USD (other coins), stored in base units as contracts × face USD / price.',
        )
    }
    await ctx.finish()
    return ctx.result
  },
}

interface RowCtx {
  venue: VenueId
  symbol: string
  face: number
  toBase: (q: number, price: number) => number
  intervalSec: number | null
  depthRows: Map<number, { pct: number; depth: number; notional: number }[]>
}

/** Appends the events of one CSV row; returns why the row is bad, or null. */
function emitRow(kind: Kind, f: string[], c: RowCtx, out: MarketEvent[]): string | null {
  const base = (ts: number) => ({ venue: c.venue, symbol: c.symbol, exchangeTsMs: ts, receiveTsMs: ts })
  const need = (idx: number[], what: string): number[] | string => {
    const vals = idx.map((i) => num(f[i]))
    const bad = vals.findIndex((v) => v === null)
    return bad === -1
      ? (vals as number[])
      : `${what}: field ${idx[bad]! + 1} "${f[idx[bad]!] ?? ''}" is not a number`
  }
  switch (kind) {
    case 'aggTrades':
    case 'trades': {
      const [timeIdx, makerIdx] = kind === 'aggTrades' ? [5, 6] : [4, 5]
      const v = need([0, 1, 2, timeIdx], kind)
      if (typeof v === 'string') return v
      const [id, price, qty, ts] = v as [number, number, number, number]
      out.push({
        ...base(toMs(ts)),
        type: 'trade',
        price,
        qtyBase: c.toBase(qty, price),
        takerSide: bool(f[makerIdx]) ? 'sell' : 'buy',
        tradeId: String(id),
      })
      return null
    }
    case 'klines':
    case 'markPriceKlines':
    case 'indexPriceKlines':
    case 'premiumIndexKlines': {
      const v = need([0, 1, 2, 3, 4, 6], 'kline')
      if (typeof v === 'string') return v
      const [openTs, open, high, low, close, closeTs] = v as [number, number, number, number, number, number]
      const vol = num(f[5])
      const quoteVol = num(f[7])
      const isLast = kind === 'klines'
      // COIN-M klines count volume in contracts and put the base-asset volume in the quote column.
      const volumeBase = !isLast ? null : c.face ? quoteVol : vol
      const volumeUsd = !isLast ? null : c.face && vol !== null ? vol * c.face : quoteVol
      const intervalSec = c.intervalSec ?? Math.round((toMs(closeTs) + 1 - toMs(openTs)) / 1000)
      out.push({
        ...base(toMs(closeTs)),
        type: 'candle',
        priceKind: PRICE_KIND[kind]!,
        intervalSec,
        openTsMs: toMs(openTs),
        open,
        high,
        low,
        close,
        volumeBase,
        volumeUsd,
      })
      return null
    }
    case 'metrics': {
      const ts = utcText(f[0])
      if (ts === null) return `create_time "${f[0] ?? ''}" is not YYYY-MM-DD hh:mm:ss`
      const soi = num(f[2])
      const soiv = num(f[3])
      if (soi !== null || soiv !== null) {
        out.push(
          c.face
            ? {
                ...base(ts),
                type: 'openInterest',
                oiContracts: soi,
                oiBase: soiv,
                oiUsd: soi === null ? null : soi * c.face,
              }
            : { ...base(ts), type: 'openInterest', oiContracts: soi, oiBase: soi, oiUsd: soiv },
        )
      }
      const ls = [
        ['topAccounts', 4],
        ['topPositions', 5],
        ['globalAccounts', 6],
      ] as const
      for (const [lsKind, idx] of ls) {
        const ratio = num(f[idx])
        if (ratio !== null)
          out.push({
            ...base(ts),
            type: 'longShort',
            kind: lsKind,
            ratio,
            longShare: null,
            shortShare: null,
            periodMinutes: 5,
          })
      }
      return null
    }
    case 'fundingRate': {
      const v = need([0, 1, 2], 'fundingRate')
      if (typeof v === 'string') return v
      const [ts, intervalH, rate] = v as [number, number, number]
      out.push({
        ...base(toMs(ts)),
        type: 'funding',
        fundingRatePerPeriod: rate,
        fundingIntervalHours: intervalH,
        nextFundingTsMs: null,
        predictedRatePerPeriod: null,
        settled: true,
      })
      return null
    }
    case 'bookDepth': {
      const ts = utcText(f[0])
      const v = need([1, 2, 3], 'bookDepth')
      if (ts === null) return `timestamp "${f[0] ?? ''}" is not YYYY-MM-DD hh:mm:ss`
      if (typeof v === 'string') return v
      const [pct, depth, notional] = v as [number, number, number]
      const rows = c.depthRows.get(ts) ?? []
      rows.push({ pct, depth, notional })
      c.depthRows.set(ts, rows)
      return null
    }
    case 'bookTicker': {
      const v = need([1, 2, 3, 4, 5], 'bookTicker')
      if (typeof v === 'string') return v
      const [bid, bidQ, ask, askQ, ts] = v as [number, number, number, number, number]
      const ev = num(f[6])
      out.push({
        venue: c.venue,
        symbol: c.symbol,
        exchangeTsMs: toMs(ts),
        receiveTsMs: toMs(ev ?? ts),
        type: 'quote',
        bid,
        bidQtyBase: c.toBase(bidQ, bid),
        ask,
        askQtyBase: c.toBase(askQ, ask),
      })
      return null
    }
  }
}

/** Cumulative ±% bands -> one level per band: incremental depth at the band's volume-weighted price. */
function bookFromDepthBands(
  venue: VenueId,
  symbol: string,
  ts: number,
  rows: { pct: number; depth: number; notional: number }[],
): MarketEvent {
  const side = (sign: number): [number, number][] => {
    const bands = rows
      .filter((r) => Math.sign(r.pct) === sign)
      .sort((a, b) => Math.abs(a.pct) - Math.abs(b.pct))
    const levels: [number, number][] = []
    let prevDepth = 0
    let prevNotional = 0
    for (const b of bands) {
      const dq = b.depth - prevDepth
      if (dq > 0) levels.push([(b.notional - prevNotional) / dq, dq])
      prevDepth = b.depth
      prevNotional = b.notional
    }
    return levels
  }
  return {
    venue,
    symbol,
    exchangeTsMs: ts,
    receiveTsMs: ts,
    type: 'book',
    bids: side(-1),
    asks: side(1),
    sequence: null,
  }
}
