import type { VenueId } from '../../../../shared/market-event'
import { FUNDING_SCHEDULES, fitsSchedule, offsetsThatFit } from './funding-schedules'
import { ImportContext } from './import-context'
import { isHeaderRow, num, readLines } from './read-text'
import { ImportRefused, type Importer } from './types'

/** Source venue names (as the funding-history files name them) that map onto the radar's venues. */
const RADAR_VENUE: Record<string, VenueId | undefined> = {
  binance: 'binanceusdm',
  bybit: 'bybit',
  okx: 'okx',
}
/** Share of rows that must sit on the venue's schedule; the rest are imported and counted as irregular. */
const MIN_FIT_SHARE = 0.99

/** `2020-01-01 03:00:00.000` read as if it were UTC; the caller subtracts the offset. */
function parseLocal(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(text.trim())
  if (!m) return null
  const [, y, mo, d, h, mi, s, ms] = m
  return Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +(s ?? 0), +(ms ?? '0').padEnd(3, '0'))
}

/** `BTC-USDT` (the history files' pair) -> `BTC/USDT:USDT`, the linear perp. */
function perpSymbol(pair: string): string | null {
  const m = /^([A-Z0-9]+)[-_/]?(USDT|USDC|USD)$/.exec(pair.trim().toUpperCase())
  return m ? `${m[1]}/${m[2]}:${m[2]}` : null
}

const fmtOffset = (h: number): string => `${h >= 0 ? '+' : ''}${h}`

/** Names the offset nearest UTC first; a periodic schedule cannot tell it from offsets a period apart. */
function fitHint(fits: number[], intervalHours: number): string {
  if (fits.length === 0) return 'no whole-hour offset fits. '
  const [best, ...others] = [...fits].sort((a, b) => Math.abs(a) - Math.abs(b) || b - a)
  const also = others.length
    ? ` (so would ${others
        .sort((a, b) => a - b)
        .map(fmtOffset)
        .join(' and ')}: a ${intervalHours}-hourly schedule repeats every ${intervalHours} h)`
    : ''
  return `--tz-offset ${fmtOffset(best!)} would fit${also}. `
}

/**
 * Funding histories as `Symbol,Date,Funding Rate` CSV in a stated local time. The venue's settlement
 * schedule is checked first: if the times do not fall on it under the given offset, nothing is imported
 * and the error names the offsets that would fit.
 */
export const fundingCsvImporter: Importer = {
  format: 'funding-csv',
  summary: 'funding history CSV (Symbol,Date,Funding Rate) with --venue and --tz-offset',
  async run(paths, opts) {
    const sourceVenue = opts.sourceVenue
    if (!sourceVenue)
      throw new ImportRefused(
        `funding-csv needs --venue (one of ${Object.keys(FUNDING_SCHEDULES).join(', ')})`,
      )
    const schedule = FUNDING_SCHEDULES[sourceVenue]
    if (!schedule)
      throw new ImportRefused(
        `funding-csv: no funding schedule known for venue "${sourceVenue}"; known: ${Object.keys(FUNDING_SCHEDULES).join(', ')}`,
      )
    if (opts.tzOffsetHours === undefined) {
      throw new ImportRefused(
        'funding-csv needs --tz-offset (hours east of UTC the Date column is written in, e.g. 3 or 0)',
      )
    }
    const offsetMs = opts.tzOffsetHours * 3_600_000
    const ctx = new ImportContext(paths, opts, `funding history (${sourceVenue})`)
    for (const path of paths) {
      ctx.beginFile(path)
      const lines = readLines(path)
      const rows: { line: number; symbol: string; localMs: number; rate: number }[] = []
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] as string
        if (i === 0 && isHeaderRow(line)) continue
        const [sym, date, rateText] = line.split(',')
        const symbol = perpSymbol(sym ?? '')
        const localMs = parseLocal(date ?? '')
        const rate = num(rateText)
        if (!symbol) ctx.badRow(i + 1, `Symbol "${sym ?? ''}" is not a USDT/USDC/USD pair`)
        else if (localMs === null)
          ctx.badRow(i + 1, `Date "${date ?? ''}" is not YYYY-MM-DD hh:mm[:ss[.mmm]]`)
        else if (rate === null) ctx.badRow(i + 1, `Funding Rate "${rateText ?? ''}" is not a number`)
        else rows.push({ line: i + 1, symbol, localMs, rate })
      }
      const fitting = rows.filter((r) => fitsSchedule(r.localMs - offsetMs, schedule)).length
      if (rows.length > 0 && fitting / rows.length < MIN_FIT_SHARE) {
        const fits = offsetsThatFit(
          rows.map((r) => r.localMs),
          schedule,
          MIN_FIT_SHARE,
        )
        const hours = schedule.hoursUtc.map((h) => `${String(h).padStart(2, '0')}:00`).join('/')
        throw new ImportRefused(
          `${ctx.fileName}: only ${fitting} of ${rows.length} times fall on ${sourceVenue}'s funding schedule ` +
            `(${hours} UTC) with --tz-offset ${fmtOffset(opts.tzOffsetHours)}; ` +
            fitHint(fits, schedule.intervalHours) +
            'Nothing was imported.',
        )
      }
      if (schedule.intervalHours === 1) {
        ctx.note(
          `${ctx.fileName}: ${sourceVenue} settles hourly, so the --tz-offset ${fmtOffset(opts.tzOffsetHours)} could not be checked against the data.`,
        )
      }
      if (fitting < rows.length) {
        ctx.note(
          `${ctx.fileName}: ${rows.length - fitting} funding times fall off ${sourceVenue}'s schedule; imported as given.`,
        )
      }
      const venue = opts.venue ?? RADAR_VENUE[sourceVenue]
      if (!venue) {
        throw new ImportRefused(
          `${ctx.fileName}: the times fit ${sourceVenue}'s schedule, but ${sourceVenue} is not a venue the radar reads ` +
            `(binance, bybit, okx); pass --radar-venue to file it under one of them.`,
        )
      }
      for (let i = 0; i < rows.length; i++) {
        if ((i & 4095) === 0) await ctx.tick(i / rows.length)
        const r = rows[i]!
        const ts = r.localMs - offsetMs
        ctx.events.push({
          type: 'funding',
          venue,
          symbol: r.symbol,
          exchangeTsMs: ts,
          receiveTsMs: ts,
          fundingRatePerPeriod: r.rate,
          fundingIntervalHours: schedule.intervalHours,
          nextFundingTsMs: null,
          predictedRatePerPeriod: null,
          settled: true,
        })
      }
      ctx.count('fundingRows', rows.length)
    }
    ctx.note(
      `Funding times converted from UTC${fmtOffset(opts.tzOffsetHours)} to UTC; receive time equals settlement time (the source has none).`,
    )
    await ctx.finish()
    return ctx.result
  },
}
