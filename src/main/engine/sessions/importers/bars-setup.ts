import { basename } from 'node:path'
import type { VenueId } from '../../../../shared/market-event'
import { knownLayout, resolveColumns, type BarColumns, type BarField, type KnownLayout } from './bars-columns'
import { readLineStream } from './line-stream'
import { parseTime, type TimeUnit } from './row-domain'
import { ImportRefused, type ImportOptions } from './types'

/** Everything a bars file's rows are read with, settled from its header and first rows before any import. */
export interface BarsFileSetup {
  path: string
  file: string
  header: string[]
  cols: BarColumns
  layout: KnownLayout
  barMs: number
  venue: VenueId
  /** Market of OI, funding, liquidations and taker volume. */
  symbol: string
  /** Market the OHLC belongs to (the derivatives export's hourly prices are spot klines). */
  priceVenue: VenueId
  priceSymbol: string
  /** Multiplier from the file's funding numbers to a fraction per period; null when there is no funding. */
  fundingToFraction: number | null
  fundingIntervalHours: number | null
  /** Venues a liquidation total covers beyond `venue` (CoinGlass aggregates). */
  liqCoveredVenues: string[]
  /** Sentences about how the file was read, kept in the session's notes. */
  notes: string[]
}

const PROBE_ROWS = 64
const COINGLASS_VENUES = ['binanceusdm', 'bybit', 'okx']
const SYMBOL_RE = /^[A-Z0-9]+\/[A-Z0-9]+(:[A-Z0-9]+(-\d{6})?)?$/

/** The most common step between the first rows' times: the bar size, read from the data rather than assumed. */
function barSizeMs(times: number[], file: string): number {
  const counts = new Map<number, number>()
  for (let i = 1; i < times.length; i++) {
    const d = times[i]! - times[i - 1]!
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1)
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]
  if (!best)
    throw new ImportRefused(`${file}: fewer than two rows with increasing times; no bar size to read`)
  return best[0]
}

const fmtBar = (ms: number): string =>
  ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`

/** Control characters (other than tab/CR/LF) or undecodable bytes: the file is not CSV text. */
function hasBinaryChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) return true
  }
  return false
}

async function probe(path: string): Promise<{ header: string; rows: string[] }> {
  const reader = await readLineStream(path)
  let header: string | null = null
  const rows: string[] = []
  for await (const { text } of reader.lines) {
    if (header === null) header = text
    else if (text.trim() !== '') rows.push(text)
    if (rows.length >= PROBE_ROWS) break
  }
  await reader.lines.return(undefined)
  if (header === null) throw new ImportRefused(`${basename(path)}: the file is empty`)
  return { header, rows }
}

/** Reads a file's header and first rows and settles its market and units; refuses what it cannot settle. */
export async function setupBarsFile(
  path: string,
  opts: ImportOptions,
  mapping: Partial<Record<BarField, string>>,
): Promise<BarsFileSetup> {
  const file = basename(path)
  const { header, rows } = await probe(path)
  if (hasBinaryChars(header))
    throw new ImportRefused(`${file}:1: not a CSV text file (control or undecodable bytes in the first line)`)
  const names = header.split(',')
  const cols = resolveColumns(names, mapping, file)
  const layout = knownLayout(header)
  const unit: { unit: TimeUnit | null } = { unit: null }
  const times: number[] = []
  for (const r of rows) {
    const t = parseTime(r.split(',')[cols.time!] ?? '', unit)
    if ('ms' in t) times.push(t.ms)
  }
  const barMs = barSizeMs(times, file)
  const notes: string[] = []
  const has = (f: BarField): boolean => cols[f] !== undefined

  let venue: VenueId
  let symbol: string
  let priceVenue: VenueId
  let priceSymbol: string
  let fundingToFraction: number | null = null
  let fundingIntervalHours: number | null = opts.fundingIntervalHours ?? null
  let liqCoveredVenues: string[] = []
  if (layout) {
    // The source names its market only in the file name (btc_hourly_..., btc_binance_5m_...).
    const base = /^([a-z0-9]+)_/i.exec(file)?.[1]?.toUpperCase()
    if (!base && !opts.symbol)
      throw new ImportRefused(`${file}: the file name does not start with the coin; give --symbol`)
    if (opts.venue && opts.venue !== 'binanceusdm') {
      throw new ImportRefused(
        `${file}: --venue ${opts.venue} contradicts the file, whose OI and funding are Binance USDⓈ-M (binanceusdm)`,
      )
    }
    venue = 'binanceusdm'
    symbol = opts.symbol ?? `${base}/USDT:USDT`
    priceVenue = venue
    priceSymbol = symbol
    if (layout === 'liquidations-export') {
      liqCoveredVenues = COINGLASS_VENUES
      notes.push(
        `${file}: liquidation totals per ${fmtBar(barMs)} summed over Binance, Bybit and OKX (CoinGlass).`,
      )
    } else if (barMs === 3_600_000) {
      // CoinGlass history: spot klines, funding in percent per 8 h, liquidations over three venues.
      priceVenue = 'binance'
      priceSymbol = symbol.split(':')[0]!
      fundingToFraction = 0.01
      fundingIntervalHours ??= 8
      liqCoveredVenues = COINGLASS_VENUES
      notes.push(
        `${file}: hourly CoinGlass layout — OHLC are Binance spot ${priceSymbol} klines, funding read as percent per ${fundingIntervalHours} h, OI in USD (Binance only), liquidations summed over Binance, Bybit and OKX; OI-weighted funding and CVD columns are not imported.`,
      )
    } else if (barMs === 300_000) {
      fundingToFraction = 1
      fundingIntervalHours ??= 8
      notes.push(
        `${file}: 5-minute Binance USDⓈ-M layout — perp klines, funding read as a fraction per ${fundingIntervalHours} h, OI in USD; OI-weighted funding and the source's CVD (undocumented definition) are not imported.`,
      )
    } else if (!opts.fundingUnit) {
      throw new ImportRefused(
        `${file}: bars of ${fmtBar(barMs)} in this layout have no documented funding unit; give --funding-unit percent|fraction`,
      )
    }
  } else {
    if (!opts.venue) throw new ImportRefused(`${file}: bars files name no venue; give --venue`)
    if (!opts.symbol || !SYMBOL_RE.test(opts.symbol)) {
      throw new ImportRefused(
        `${file}: bars files name no market; give --symbol as a unified symbol (BTC/USDT:USDT for a perp, BTC/USDT for spot)`,
      )
    }
    venue = opts.venue
    symbol = opts.symbol
    priceVenue = venue
    priceSymbol = symbol
    notes.push(`${file}: bars of ${fmtBar(barMs)} for ${venue}:${symbol}.`)
  }
  if (has('funding')) {
    if (opts.fundingUnit) fundingToFraction = opts.fundingUnit === 'percent' ? 0.01 : 1
    if (fundingToFraction === null)
      throw new ImportRefused(
        `${file}: the funding column's unit is not known; give --funding-unit percent|fraction`,
      )
    if (fundingIntervalHours === null)
      throw new ImportRefused(
        `${file}: the funding period is not known; give --funding-interval-hours (1, 4, 8, ...)`,
      )
  }
  if (has('oiContracts') && !symbol.includes(':'))
    throw new ImportRefused(`${file}: open interest in contracts needs a perp --symbol (with :settle)`)
  return {
    path,
    file,
    header: names,
    cols,
    layout,
    barMs,
    venue,
    symbol,
    priceVenue,
    priceSymbol,
    fundingToFraction: has('funding') ? fundingToFraction : null,
    fundingIntervalHours: has('funding') ? fundingIntervalHours : null,
    liqCoveredVenues,
    notes,
  }
}
