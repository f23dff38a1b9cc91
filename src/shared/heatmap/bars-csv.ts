import type { MarketEvent, VenueId } from '../market-event'

/**
 * Reads the hourly / 5-minute bar files of `btc-derivatives-2026` (CoinGlass-style history:
 * `timestamp,…,price_open/high/low/close,liquidation_long_usd/short_usd,…,oi_open/high/low/close,…`) into
 * the events the liquidation map and its bar check read: a 'last' candle, the open interest in USD at the
 * bar's end and, where the file really has them, the bar's realized liquidation totals. Every value of a bar
 * is stamped at its last millisecond (it is known once the bar has closed), as the bars importer does.
 * Pure (text in, events out) so tests, the CLI and the calibration script share it.
 */
export interface BarsCsvOptions {
  venue: VenueId
  symbol: string
  /** Venues the liquidation totals are summed over (CoinGlass: Binance + Bybit + OKX). */
  liquidationVenues: string[]
}

export interface BarsCsvResult {
  events: MarketEvent[]
  bars: number
  barMs: number | null
  /** Rows that were skipped, with the line and the reason. */
  badRows: string[]
  /** True when every liquidation value is 0: the file has no liquidation history (missing, not zero). */
  liquidationsMissing: boolean
  notes: string[]
}

const REQUIRED = [
  'timestamp',
  'price_open',
  'price_high',
  'price_low',
  'price_close',
  'liquidation_long_usd',
  'liquidation_short_usd',
  'oi_close',
] as const

export function readBarsCsv(text: string, opts: BarsCsvOptions): BarsCsvResult {
  const lines = text.split(/\r?\n/)
  const header = (lines[0] ?? '').split(',').map((h) => h.trim())
  const col = Object.fromEntries(REQUIRED.map((n) => [n, header.indexOf(n)])) as Record<
    (typeof REQUIRED)[number],
    number
  >
  const missing = REQUIRED.filter((n) => col[n] < 0)
  if (missing.length > 0) throw new Error(`bars CSV: the header lacks ${missing.join(', ')}`)
  const rows: { t: number; v: number[] }[] = []
  const badRows: string[] = []
  let prev: number | null = null
  let step: number | null = null
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') continue
    const f = line.split(',')
    const v = REQUIRED.map((n) => Number(f[col[n]]))
    const bad = REQUIRED.find(
      (n, k) => f[col[n]] === undefined || f[col[n]]!.trim() === '' || !Number.isFinite(v[k]!),
    )
    if (bad) {
      badRows.push(`line ${i + 1}: ${bad} "${(f[col[bad]] ?? '').slice(0, 20)}" is not a number`)
      continue
    }
    const [t, open, high, low, close, liqL, liqS, oi] = v as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ]
    if (!(low > 0 && high >= low && open >= low && open <= high && close >= low && close <= high)) {
      badRows.push(`line ${i + 1}: prices open ${open} high ${high} low ${low} close ${close} are not a bar`)
      continue
    }
    if (liqL < 0 || liqS < 0 || !(oi > 0)) {
      badRows.push(`line ${i + 1}: liquidations must be ≥ 0 and open interest > 0`)
      continue
    }
    if (prev !== null && t <= prev) {
      badRows.push(`line ${i + 1}: time ${t} does not ascend (after ${prev})`)
      continue
    }
    if (prev !== null) step = step === null ? t - prev : Math.min(step, t - prev)
    prev = t
    rows.push({ t, v: v.slice(1) })
  }
  const liquidationsMissing = rows.every((r) => r.v[4] === 0 && r.v[5] === 0)
  const notes: string[] = []
  if (liquidationsMissing && rows.length > 0)
    notes.push('every liquidation value is 0: taken as missing (no liquidation history), not as zero')
  const barMs = step
  const events: MarketEvent[] = []
  if (barMs !== null)
    for (const { t, v } of rows) {
      const [open, high, low, close, liqL, liqS, oi] = v as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ]
      const at = t + barMs - 1
      const base = { venue: opts.venue, symbol: opts.symbol, exchangeTsMs: at, receiveTsMs: at }
      events.push({
        ...base,
        type: 'candle',
        priceKind: 'last',
        intervalSec: barMs / 1000,
        openTsMs: t,
        open,
        high,
        low,
        close,
        volumeBase: null,
        volumeUsd: null,
      })
      // The USD reading also moves with the price when nobody trades; contracts (USD ÷ the bar's close) make
      // the model's OI delta count positions, not revaluation.
      events.push({ ...base, type: 'openInterest', oiContracts: null, oiBase: oi / close, oiUsd: oi })
      if (!liquidationsMissing)
        events.push({
          ...base,
          type: 'liquidationBar',
          openTsMs: t,
          intervalSec: barMs / 1000,
          longUsd: liqL,
          shortUsd: liqS,
          coveredVenues: opts.liquidationVenues,
        })
    }
  return { events, bars: rows.length, barMs, badRows, liquidationsMissing, notes }
}
