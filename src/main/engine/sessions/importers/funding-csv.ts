import type { VenueId } from '../../../../shared/market-event'
import { FUNDING_SCHEDULES, fitsSchedule, offsetsThatFit } from './funding-schedules'
import { ImportContext } from './import-context'
import { readLineStream } from './line-stream'
import { isHeaderRow, num } from './read-text'
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
/** The rows of a funding CSV, streamed: each parsed, or why it cannot be (with its 1-based line). */
async function* fundingRows(
  path: string,
): AsyncGenerator<{ line: number; row: { symbol: string; localMs: number; rate: number } | string }> {
  const reader = await readLineStream(path)
  for await (const { text: line, line: n } of reader.lines) {
    if (n === 1 && isHeaderRow(line)) continue
    const [sym, date, rateText] = line.split(',')
    const symbol = perpSymbol(sym ?? '')
    const localMs = parseLocal(date ?? '')
    const rate = num(rateText)
    const row = !symbol
      ? `Symbol "${sym ?? ''}" is not a USDT/USDC/USD pair`
      : localMs === null
        ? `Date "${date ?? ''}" is not YYYY-MM-DD hh:mm[:ss[.mmm]]`
        : rate === null
          ? `Funding Rate "${rateText ?? ''}" is not a number`
          : { symbol, localMs, rate }
    yield { line: n, row }
  }
}

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
      // Two streamed passes: the first checks every time against the schedule (holding only the times), the
      // second imports; nothing is imported from a file whose times do not fit.
      const times: number[] = []
      for await (const r of fundingRows(path)) {
        if (typeof r.row === 'string') ctx.badRow(r.line, r.row)
        else times.push(r.row.localMs)
      }
      const fitting = times.filter((t) => fitsSchedule(t - offsetMs, schedule)).length
      if (times.length > 0 && fitting / times.length < MIN_FIT_SHARE) {
        const fits = offsetsThatFit(times, schedule, MIN_FIT_SHARE)
        const hours = schedule.hoursUtc.map((h) => `${String(h).padStart(2, '0')}:00`).join('/')
        throw new ImportRefused(
          `${ctx.fileName}: only ${fitting} of ${times.length} times fall on ${sourceVenue}'s funding schedule ` +
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
      if (fitting < times.length) {
        ctx.note(
          `${ctx.fileName}: ${times.length - fitting} funding times fall off ${sourceVenue}'s schedule; imported as given.`,
        )
      }
      const venue = opts.venue ?? RADAR_VENUE[sourceVenue]
      if (!venue) {
        throw new ImportRefused(
          `${ctx.fileName}: the times fit ${sourceVenue}'s schedule, but ${sourceVenue} is not a venue the radar reads ` +
            `(binance, bybit, okx); pass --radar-venue to file it under one of them.`,
        )
      }
      let i = 0
      for await (const { row: r } of fundingRows(path)) {
        if (typeof r === 'string') continue // counted in the first pass
        if ((i++ & 4095) === 0) await ctx.tick(i / times.length)
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
      ctx.count('fundingRows', times.length)
    }
    ctx.note(
      `Funding times converted from UTC${fmtOffset(opts.tzOffsetHours)} to UTC; receive time equals settlement time (the source has none).`,
    )
    await ctx.finish()
    return ctx.result
  },
}
