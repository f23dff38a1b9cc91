import { resolve } from 'node:path'
import { replaySessionReport, type ReplayReport } from '../../engine/sessions/replay-report'
import { replayInRealTime } from '../../engine/sessions/replay-timed'
import { REPLAY_SPEEDS, type ReplaySpeed } from '../../engine/sessions/replay-source'
import { spikeOddsLines } from '../../../shared/scoring/calibration/lsi-calibration'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { stringOption, UsageError } from '../args'
import type { Command, CommandIo } from '../command'
import { parseDurationMs } from './duration'
import { configForUserData } from './user-data-config'
import { formatSpan } from './session-cli-format'

/** One row of `--every`: a market at a grid time, from events stamped at or before it. */
interface SeriesRow {
  tsMs: number
  key: string
  /** Exchange time of the newest event the row has seen: never after `tsMs`. */
  asOfMs: number | null
  lastPrice: number | null
  markPrice: number | null
  indexPrice: number | null
  stress: number | null
  metrics: Record<string, number | null>
  labels: Record<string, string | null>
  tags: string[]
}

function seriesRow(tsMs: number, s: MarketSnapshot): SeriesRow {
  const metrics: Record<string, number | null> = {}
  for (const [id, m] of Object.entries(s.metrics)) metrics[id] = m.value
  return {
    tsMs,
    key: s.key,
    asOfMs: s.asOfMs,
    lastPrice: s.lastPrice,
    markPrice: s.markPrice ?? null,
    indexPrice: s.indexPrice ?? null,
    stress: s.stress,
    metrics,
    labels: s.labels,
    tags: s.tags,
  }
}

function speedOption(v: string | undefined): ReplaySpeed {
  if (v === undefined || v === 'max') return 'max'
  const n = Number(v.replace(/x$/, ''))
  if (!REPLAY_SPEEDS.includes(n as ReplaySpeed))
    throw new UsageError(`--speed must be 1, 10, 100 or max, got "${v}"`)
  return n as ReplaySpeed
}

function printText(r: ReplayReport, io: CommandIo): void {
  const s = r.summary
  io.stdout(
    `${r.label}\n  ${formatSpan(s.startTsMs, s.endTsMs)}; ${s.events} events in ${s.wallMs} ms (${s.eventsPerSec} events/s)\n`,
  )
  for (const n of r.notes) io.stdout(`  note: ${n}\n`)
  for (const m of r.markets) {
    const mark = m.markPrice == null ? '' : `  mark ${m.markPrice}`
    const index = m.indexPrice == null ? '' : `  index ${m.indexPrice}`
    io.stdout(`\n${m.key}  last ${m.lastPrice ?? '—'}${mark}${index}  events ${m.eventCount}\n`)
    for (const [name, metric] of Object.entries(m.metrics)) {
      io.stdout(
        `  ${name.padEnd(28)} ${metric.value === null ? `— (${metric.reason ?? 'no data'})` : `${metric.value} ${metric.unit}`}\n`,
      )
    }
    for (const line of spikeOddsLines(m.metrics)) io.stdout(`  ${line}\n`)
    const labels = Object.entries(m.labels).filter(([, v]) => v !== null)
    if (labels.length) io.stdout(`  labels: ${labels.map(([k, v]) => `${k}=${v}`).join(', ')}\n`)
  }
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'replay a session through scoring and print the final metrics of every market',
  help: `Usage: radar replay <session.radar> [--speed 1|10|100|max] [--report json|text] [--every 1h]
       [--user-data <dir>]

Runs the session's events through the scoring engine in session-time batches (identical at every speed)
and prints the final snapshot of every market (with mark and index prices) and a summary (events, span,
wall time, events/s).

Options:
  --speed <s>         1, 10, 100 or max (default max)
  --report <fmt>      json or text (default text)
  --every <step>      with --report json at max speed: also a series, one row per market at each step
                      of session time (15m, 1h, ...), each from events stamped at or before it
  --user-data <dir>   score with the settings saved in this folder (default: built-in defaults)

Example:
  radar replay resources/samples/binance-btcusdt-2023-04-05.radar --speed max --report json`,
  async run(args, io) {
    const [path] = args.positionals
    if (!path) throw new UsageError('name a session file')
    const speed = speedOption(stringOption(args, 'speed'))
    const format = stringOption(args, 'report') ?? 'text'
    if (format !== 'json' && format !== 'text')
      throw new UsageError(`--report must be json or text, got "${format}"`)
    const everyText = stringOption(args, 'every')
    if (everyText !== undefined && (format !== 'json' || speed !== 'max'))
      throw new UsageError('--every needs --report json and --speed max')
    const everyMs = everyText === undefined ? undefined : parseDurationMs(everyText, 'every')
    const { config, notes } = await configForUserData(args)
    for (const n of notes) io.stderr(`note: ${n}\n`)
    const series: SeriesRow[] = []
    const report =
      speed === 'max'
        ? replaySessionReport(resolve(path), {
            config,
            snapshotEveryMs: everyMs,
            onSnapshots: (tsMs, snaps) => snaps.forEach((s) => series.push(seriesRow(tsMs, s))),
          })
        : await replayInRealTime(resolve(path), speed, config)
    if (format === 'json') {
      const { metadata: _m, ...rest } = report
      const out = everyMs === undefined ? rest : { ...rest, series }
      io.stdout(`${JSON.stringify(out, null, 2)}\n`)
    } else {
      printText(report, io)
    }
    return 0
  },
}
