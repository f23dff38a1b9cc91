import type { VenueId } from '../../../../shared/market-event'

/**
 * The domain every imported row is checked against before it becomes an event. A value outside it is a
 * broken row (a hand edit, a unit mix-up, a sentinel), never data: one timestamp of 0 among 2026 rows would
 * stretch a session over 56 years of nothing, one price of 0 aborts every replay.
 */

export type TimeUnit = 's' | 'ms' | 'us' | 'ns'

/** First trading day of each venue's markets the radar reads (UTC): nothing older can be its data. */
export const VENUE_LAUNCH_MS: Record<VenueId, number> = {
  binance: Date.UTC(2017, 6, 14),
  binanceusdm: Date.UTC(2019, 8, 8),
  binancecoinm: Date.UTC(2020, 7, 10),
  bybit: Date.UTC(2018, 11, 1),
  okx: Date.UTC(2017, 0, 1),
  // Imported-only venues, conservatively early (the year or month each opened).
  coinbase: Date.UTC(2015, 0, 1),
  kraken: Date.UTC(2013, 8, 1),
  bitstamp: Date.UTC(2011, 7, 1),
  deribit: Date.UTC(2016, 5, 1),
  bitmex: Date.UTC(2014, 10, 1),
  htx: Date.UTC(2013, 8, 1),
  gate: Date.UTC(2013, 0, 1),
  hyperliquid: Date.UTC(2022, 10, 1),
  binanceus: Date.UTC(2019, 8, 1),
}

/** Bitcoin's genesis block: no market data of any venue is older. */
export const EARLIEST_MARKET_MS = Date.UTC(2009, 0, 3)

/**
 * Only a bound on absurd values (1e308, a sentinel): BTC quoted in Indonesian rupiah is ~1e9, so the bound
 * sits well above every real quote.
 */
const MAX_PRICE = 1e12
/** Bound on quantities and USD notionals (world GDP is ~1e14 USD). */
const MAX_AMOUNT = 1e14
/**
 * Bound on a funding rate per period as a fraction: above the per-period caps venues publish (a few percent
 * at most), so a percent value read as a fraction (0.01 % written as 0.01 → 1 %) passes, but 5 (500 %) not.
 */
export const MAX_FUNDING_PER_PERIOD = 0.05

const UNIT_MS: Record<TimeUnit, number> = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 }

/**
 * The unit a Unix timestamp is written in, from its magnitude: dates between 2009 and 2100 have 10 digits in
 * seconds, 13 in ms, 16 in µs, 19 in ns. null when it fits none (0, 1970 dates, garbage).
 */
export function timeUnitOf(n: number): TimeUnit | null {
  const ms2009 = EARLIEST_MARKET_MS
  const ms2100 = Date.UTC(2100, 0, 1)
  for (const unit of ['s', 'ms', 'us', 'ns'] as const) {
    const ms = n * UNIT_MS[unit]
    if (ms >= ms2009 && ms < ms2100) return unit
  }
  return null
}

export function toMs(n: number, unit: TimeUnit): number {
  return unit === 'ms' ? n : Math.round(n * UNIT_MS[unit])
}

/**
 * Reads a time field: a Unix number in the file's unit (fixed by the first row and required of every other
 * row) or an ISO-8601 date with a zone. Returns ms, or why the field is not a time of this file.
 */
export function parseTime(
  field: string,
  fileUnit: { unit: TimeUnit | null },
): { ms: number } | { error: string } {
  const t = field.trim()
  if (t === '') return { error: 'time is empty' }
  if (/^-?\d+(\.\d+)?$/.test(t)) {
    const n = Number(t)
    const unit = timeUnitOf(n)
    if (unit === null)
      return { error: `time ${t} is not a Unix time between 2009 and 2100 in s, ms, µs or ns` }
    fileUnit.unit ??= unit
    if (unit !== fileUnit.unit)
      return { error: `time ${t} is in ${unit} but the file's times are in ${fileUnit.unit}` }
    return { ms: toMs(n, unit) }
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(t))
    return { error: `time "${t.slice(0, 40)}" is neither a Unix time nor an ISO date with a zone` }
  const ms = Date.parse(t.replace(' ', 'T'))
  if (!Number.isFinite(ms) || ms < EARLIEST_MARKET_MS) return { error: `time "${t}" is before 2009` }
  return { ms }
}

/** Why a time cannot be this venue's data (before its launch, or in the future), or null. */
export function outsideVenueLife(ms: number, venue: VenueId, nowMs = Date.now()): string | null {
  const launch = VENUE_LAUNCH_MS[venue]
  if (ms < launch)
    return `time ${new Date(ms).toISOString()} is before ${venue} opened (${new Date(launch).toISOString().slice(0, 10)})`
  if (ms > nowMs + 86_400_000) return `time ${new Date(ms).toISOString()} is in the future`
  return null
}

/** A price: finite, > 0 and below any price ever seen. */
export function badPrice(name: string, v: number): string | null {
  return v > 0 && v < MAX_PRICE ? null : `${name} ${v} is not a price (must be > 0 and < ${MAX_PRICE})`
}

/** A quantity or USD amount: finite, ≥ 0 (or > 0 when `positive`) and below a world-sized bound. */
export function badAmount(name: string, v: number, positive = false): string | null {
  const ok = (positive ? v > 0 : v >= 0) && v < MAX_AMOUNT
  return ok ? null : `${name} ${v} is out of range (must be ${positive ? '> 0' : '≥ 0'} and < ${MAX_AMOUNT})`
}

export function badFunding(v: number): string | null {
  return Math.abs(v) <= MAX_FUNDING_PER_PERIOD
    ? null
    : `funding ${v} per period is beyond any venue's cap (±${MAX_FUNDING_PER_PERIOD})`
}
