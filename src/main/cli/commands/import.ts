import { resolve } from 'node:path'
import { VENUE_IDS, type VenueId } from '../../../shared/market-event'
import {
  importSessionInputs,
  type ImportInput,
  type ImportSummary,
} from '../../engine/sessions/import-session'
import { IMPORTERS } from '../../engine/sessions/importers'
import type { ImportProgress } from '../../engine/sessions/importers/types'
import { numberOption, stringOption, UsageError } from '../args'
import type { Command, CommandIo } from '../command'
import { formatSpan, progressBar } from './session-cli-format'

const formats = IMPORTERS.map((i) => `  ${i.format.padEnd(22)}${i.summary}`).join('\n')

function venueOption(value: string | undefined, name: string): VenueId | undefined {
  if (value === undefined) return undefined
  if (!VENUE_IDS.includes(value as VenueId))
    throw new UsageError(`--${name} must be one of ${VENUE_IDS.join(', ')}, got "${value}"`)
  return value as VenueId
}

/** "+3", "3", "-5", "UTC+3", "+05:30" -> hours east of UTC. */
function tzOffsetOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const m = /^(?:UTC)?([+-]?)(\d{1,2})(?::?(\d{2}))?$/i.exec(value.trim())
  if (!m) throw new UsageError(`--tz-offset must look like +3, -5 or +05:30, got "${value}"`)
  const h = Number(m[2]) + Number(m[3] ?? 0) / 60
  return m[1] === '-' ? -h : h
}

function fundingUnitOption(value: string | undefined): 'percent' | 'fraction' | undefined {
  if (value === undefined) return undefined
  if (value !== 'percent' && value !== 'fraction')
    throw new UsageError(`--funding-unit must be percent or fraction, got "${value}"`)
  return value
}

/** `bars a.csv b.csv + tardis t.csv.gz`: inputs of several formats, separated by a lone `+`. */
function splitInputs(positionals: readonly string[]): ImportInput[] {
  const inputs: ImportInput[] = []
  let words: string[] = []
  const close = (): void => {
    const [format, ...paths] = words
    if (!format) throw new UsageError('name a format (before and after every +)')
    if (!IMPORTERS.some((i) => i.format === format)) {
      throw new UsageError(
        `unknown format "${format}"; formats: ${IMPORTERS.map((i) => i.format).join(', ')}`,
      )
    }
    if (paths.length === 0) throw new UsageError(`give at least one input file for ${format}`)
    inputs.push({ format, paths })
    words = []
  }
  for (const w of positionals) {
    if (w === '+') close()
    else words.push(w)
  }
  close()
  return inputs
}

function printSummary(s: ImportSummary, io: CommandIo): void {
  const m = s.metadata
  io.stdout(
    `${s.out}: ${m.eventCount} events, ${m.markets.length} markets, ${formatSpan(m.startTsMs, m.endTsMs)}, ${(s.bytes / 1e6).toFixed(2)} MB\n`,
  )
  io.stdout(`  markets: ${m.markets.join(', ')}\n`)
  io.stdout(
    `  events: ${Object.entries(m.eventCounts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n`,
  )
  for (const [k, v] of Object.entries(s.stats)) io.stdout(`  ${k}: ${v}\n`)
  if (s.badRowCount > 0) {
    io.stdout(
      `  bad rows: ${s.badRowCount} skipped; first: ${s.badRows.map((b) => `${b.file}:${b.line} (${b.reason})`).join('; ')}\n`,
    )
  }
  for (const note of m.dataQuality) io.stdout(`  note: ${note}\n`)
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import public historical data files into a session',
  help: `Usage: radar import <format> <paths...> [+ <format> <paths...>]... --out <session.radar> [options]

Several formats go into one session when separated by a lone +; each input gets its own provenance note.

Formats:
${formats}

Options:
  --out <file>          session file to create (refuses to overwrite unless --force)
  --venue <id>          venue of the data: ${VENUE_IDS.join(', ')}
                        (funding-csv: the source venue, e.g. binance, bybit, kucoin, gate, dydx)
  --tz-offset <hours>   funding-csv: the offset the Date column is written in, e.g. +3 or 0
  --radar-venue <id>    funding-csv: file the rates under this radar venue
  --label <text>        label shown in the Sessions screen
  --book-depth <n>      levels per side kept in book events (default 20)
  --symbol <symbol>     bars: the unified market the rows describe (BTC/USDT:USDT, BTC/USDT)
  --funding-unit <u>    bars: percent (0.01 = 0.01 %) or fraction (0.0001 = 0.01 %) per period
  --funding-interval-hours <h>  bars: the funding period the rates are per
  --columns <map>       bars: field=column,... for other column names (docs/import-formats.md)
  --basis-spot-venue <id>  the spot venue perps' basis pairs with when the session is scored (e.g. coinbase),
                        used while the basis setting is auto: ${VENUE_IDS.join(', ')}
  --force               overwrite --out if it exists
  --json                print the summary as JSON

Examples:
  radar import binance-ws data/usdm/btcusdt_20230405.dat.gz data/spot/btcusdt_20230405.dat.gz --out s.radar
  radar import funding-csv BTC-USDT_binance.csv --venue binance --tz-offset +3 --out f.radar
  radar import bars ../shared/data/btc-derivatives-2026/*.csv --out btc-2026.radar
  radar import bars btc_hourly.csv + funding-csv BTC-USDT_gate.csv --venue gate --tz-offset 0 --out mix.radar
  radar import bars export.csv --venue bybit --symbol ETH/USDT:USDT --funding-unit percent \
    --funding-interval-hours 8 --columns liqLongUsd=long_liq,liqShortUsd=short_liq --out e.radar`,
  flags: ['force', 'json'],
  async run(args, io) {
    const inputs = splitInputs(args.positionals)
    const out = stringOption(args, 'out')
    if (!out) throw new UsageError('--out <session.radar> is required')
    // With a funding history in the run, --venue names its source venue and --radar-venue the radar's.
    const isFunding = inputs.some((i) => i.format === 'funding-csv')
    const venueText = stringOption(args, 'venue')
    const depth = numberOption(args, 'book-depth')
    let lastDraw = 0
    const summary = await importSessionInputs(
      inputs.map((i) => ({ format: i.format, paths: i.paths.map((p) => resolve(p)) })),
      {
        out: resolve(out),
        venue: isFunding
          ? venueOption(stringOption(args, 'radar-venue'), 'radar-venue')
          : venueOption(venueText, 'venue'),
        sourceVenue: isFunding ? venueText : undefined,
        tzOffsetHours: tzOffsetOption(stringOption(args, 'tz-offset')),
        label: stringOption(args, 'label'),
        bookDepth: depth,
        symbol: stringOption(args, 'symbol'),
        fundingUnit: fundingUnitOption(stringOption(args, 'funding-unit')),
        fundingIntervalHours: numberOption(args, 'funding-interval-hours'),
        columns: stringOption(args, 'columns'),
        basisSpotVenue: venueOption(stringOption(args, 'basis-spot-venue'), 'basis-spot-venue'),
        overwrite: args.options.has('force'),
        onProgress: (p: ImportProgress) => {
          const now = Date.now()
          if (now - lastDraw < 100 && p.bytesDone < p.bytesTotal) return
          lastDraw = now
          io.stderr(
            `\r${progressBar(p.bytesDone / Math.max(1, p.bytesTotal))} ${p.file} ${p.eventsSoFar} events`,
          )
        },
      },
    )
    io.stderr('\n')
    if (args.options.has('json')) io.stdout(`${JSON.stringify(summary, null, 2)}\n`)
    else printSummary(summary, io)
    return 0
  },
}
