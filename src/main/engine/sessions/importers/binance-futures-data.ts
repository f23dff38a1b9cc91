import { basename } from 'node:path'
import type { LongShortKind } from '../../../../shared/market-event'
import { ImportContext } from './import-context'
import { readLineStream } from './line-stream'
import { num } from './read-text'
import { unifiedBinanceSymbol } from './symbols'
import type { Importer } from './types'
import { METRIC_COLUMNS } from './futures-metrics-columns'

const COLUMNS = ['', 'timestamp', ...METRIC_COLUMNS] as const
type Col = Exclude<(typeof COLUMNS)[number], ''>
type Row = Record<Col, number | null> & { line: number; filled: number }

/** The period Binance's futures-data endpoints are usually polled at; the rows' own step wins. */
const DEFAULT_PERIOD_MIN = 5

/** The most common step between consecutive bars, in minutes: hourly rows stay hourly. */
function periodFromData(bars: readonly Row[]): number | null {
  const counts = new Map<number, number>()
  for (let i = 1; i < bars.length; i++) {
    const d = bars[i]!.timestamp! - bars[i - 1]!.timestamp!
    if (d > 0 && d % 60_000 === 0) counts.set(d / 60_000, (counts.get(d / 60_000) ?? 0) + 1)
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
}
const iso = (ts: number): string => new Date(ts).toISOString().slice(0, 16).replace('T', ' ')

/** Runs of consecutive bars (by timestamp) for which `missing` holds, as "from → to (n bars)". */
function spans(bars: readonly Row[], missing: (r: Row) => boolean): string[] {
  const out: string[] = []
  let start: Row | null = null
  let prev: Row | null = null
  let n = 0
  for (const r of [...bars, null]) {
    if (r && missing(r)) {
      start ??= r
      prev = r
      n++
    } else if (start && prev) {
      out.push(`${iso(start.timestamp!)} → ${iso(prev.timestamp!)} UTC (${n} bar${n > 1 ? 's' : ''})`)
      start = null
      n = 0
    }
  }
  return out
}

function parseRow(fields: string[], line: number): Row | string {
  if (fields.length !== COLUMNS.length) return `expected ${COLUMNS.length} fields, found ${fields.length}`
  const row = { line, filled: 0 } as Row
  for (let c = 1; c < COLUMNS.length; c++) {
    const name = COLUMNS[c] as Col
    const v = num(fields[c])
    if (v === null && (fields[c] ?? '').trim() !== '') return `${name} "${fields[c]}" is not a number`
    row[name] = v
    if (v !== null) row.filled++
  }
  if (row.timestamp === null) return 'timestamp is empty'
  return row
}

/**
 * Binance USDⓈ-M futures-data history polled per 5-minute bar (open interest, three long/short ratios,
 * taker buy/sell volume, OHLC) joined into one CSV per symbol. Duplicate bars collapse to the most
 * complete row, empty fields stay missing, and position-ratio columns that merely copy the account
 * ratios are dropped and reported.
 */
export const binanceFuturesDataImporter: Importer = {
  format: 'binance-futures-data',
  summary: 'Binance futures-data CSV per symbol (OI, long/short ratios, taker volume, OHLC; 5 min bars)',
  async run(paths, opts) {
    const ctx = new ImportContext(
      paths,
      opts,
      'Binance USDⓈ-M futures-data REST history (openInterestHist, long/short ratios, takerlongshortRatio), polled per 5 min',
    )
    for (const path of paths) {
      ctx.beginFile(path)
      const rawSymbol = basename(path).replace(/\.csv(\.gz)?$/i, '')
      const venue = opts.venue ?? 'binanceusdm'
      const symbol = unifiedBinanceSymbol(rawSymbol, venue)
      // Streamed line by line; one row per bar is kept (repeated polls collapse), not the file's text.
      const byTs = new Map<number, Row>()
      let rows = 0
      const reader = await readLineStream(path)
      let i = -1
      for await (const { text: line } of reader.lines) {
        i++
        if ((i & 8191) === 0) await ctx.tick((0.5 * reader.bytesRead()) / Math.max(1, ctx.currentFileBytes))
        if (i === 0 && line.includes('timestamp')) continue
        const r = parseRow(line.split(','), i + 1)
        if (typeof r === 'string') {
          ctx.badRow(i + 1, r)
          continue
        }
        rows++
        const seen = byTs.get(r.timestamp!)
        // Repeated polls wrote the same bar several times, some rows partial: keep the fullest.
        if (!seen || r.filled > seen.filled) byTs.set(r.timestamp!, r)
      }
      const bars = [...byTs.values()].sort((a, b) => a.timestamp! - b.timestamp!)
      const PERIOD_MIN = periodFromData(bars) ?? DEFAULT_PERIOD_MIN
      const BAR_MS = PERIOD_MIN * 60_000
      if (PERIOD_MIN !== DEFAULT_PERIOD_MIN)
        ctx.note(`${rawSymbol}: rows are ${PERIOD_MIN} minutes apart; read as ${PERIOD_MIN}-minute bars.`)
      ctx.count(`${rawSymbol}.rows`, rows)
      ctx.count(`${rawSymbol}.bars`, bars.length)
      ctx.count(`${rawSymbol}.duplicateRowsMerged`, rows - bars.length)

      const copied = (r: Row): boolean =>
        r.topposlongShortRatio !== null &&
        r.topposlongShortRatio === r.topacclongShortRatio &&
        r.longPosition === r.toplongAccount &&
        r.shortPosition === r.topshortAccount
      const copiedSpans = spans(bars, copied)
      if (copiedSpans.length) {
        ctx.note(
          `${rawSymbol}: top-trader position ratio columns are copies of the account ratio columns ${copiedSpans.join(', ')}; position-ratio values there are not imported.`,
        )
      }
      const noTaker = spans(bars, (r) => r.buyVol === null && r.sellVol === null)
      if (noTaker.length) ctx.note(`${rawSymbol}: taker buy/sell volumes are empty ${noTaker.join(', ')}.`)
      const noOhlc = spans(bars, (r) => r.closePrice === null)
      if (noOhlc.length) ctx.note(`${rawSymbol}: OHLC is empty ${noOhlc.join(', ')}.`)

      for (let i = 0; i < bars.length; i++) {
        if ((i & 1023) === 0) await ctx.tick(0.5 + (0.5 * i) / bars.length)
        const r = bars[i]!
        const ts = r.timestamp!
        const base = { venue, symbol, exchangeTsMs: ts, receiveTsMs: ts }
        const out = ctx.events
        if (r.sumOpenInterest !== null || r.sumOpenInterestValue !== null) {
          // USDⓈ-M contracts are one base unit each, so contracts and base coincide.
          out.push({
            ...base,
            type: 'openInterest',
            oiContracts: r.sumOpenInterest,
            oiBase: r.sumOpenInterest,
            oiUsd: r.sumOpenInterestValue,
          })
        }
        const ls = (
          kind: LongShortKind,
          ratio: number | null,
          longShare: number | null,
          shortShare: number | null,
        ): void => {
          if (ratio !== null)
            out.push({
              ...base,
              type: 'longShort',
              kind,
              ratio,
              longShare,
              shortShare,
              periodMinutes: PERIOD_MIN,
            })
        }
        ls('topAccounts', r.topacclongShortRatio, r.toplongAccount, r.topshortAccount)
        if (!copied(r)) ls('topPositions', r.topposlongShortRatio, r.longPosition, r.shortPosition)
        ls('globalAccounts', r.globallongShortRatio, r.globallongAccount, r.globalshortAccount)
        if (r.buyVol !== null || r.sellVol !== null) {
          out.push({
            ...base,
            type: 'takerVolume',
            buyVolBase: r.buyVol,
            sellVolBase: r.sellVol,
            periodMinutes: PERIOD_MIN,
          })
        }
        if (r.openPrice !== null && r.highPrice !== null && r.lowPrice !== null && r.closePrice !== null) {
          out.push({
            ...base,
            type: 'candle',
            priceKind: 'last',
            intervalSec: BAR_MS / 1000,
            openTsMs: ts,
            exchangeTsMs: ts + BAR_MS - 1,
            receiveTsMs: ts + BAR_MS - 1,
            open: r.openPrice,
            high: r.highPrice,
            low: r.lowPrice,
            close: r.closePrice,
            volumeBase: null,
            volumeUsd: null,
          })
        }
      }
    }
    ctx.note(
      'OHLC bars are read as klines of the rows’ own step (5 minutes unless noted) opening at the row timestamp (stored with the close time as event time).',
    )
    await ctx.finish()
    return ctx.result
  },
}
