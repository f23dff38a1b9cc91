import { resolve } from 'node:path'
import { replaySessionReport, type ReplayReport } from '../../engine/sessions/replay-report'
import { replayInRealTime } from '../../engine/sessions/replay-timed'
import { REPLAY_SPEEDS, type ReplaySpeed } from '../../engine/sessions/replay-source'
import { stringOption, UsageError } from '../args'
import type { Command, CommandIo } from '../command'
import { formatSpan } from './session-cli-format'

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
    io.stdout(`\n${m.key}  last ${m.lastPrice ?? '—'}  events ${m.eventCount}\n`)
    for (const [name, metric] of Object.entries(m.metrics)) {
      io.stdout(
        `  ${name.padEnd(28)} ${metric.value === null ? `— (${metric.reason ?? 'no data'})` : `${metric.value} ${metric.unit}`}\n`,
      )
    }
    const labels = Object.entries(m.labels).filter(([, v]) => v !== null)
    if (labels.length) io.stdout(`  labels: ${labels.map(([k, v]) => `${k}=${v}`).join(', ')}\n`)
  }
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'replay a session through scoring and print the final metrics of every market',
  help: `Usage: radar replay <session.radar> [--speed 1|10|100|max] [--report json|text]

Runs the session's events through the scoring engine in session-time batches (identical at every speed)
and prints the final snapshot of every market and a summary (events, span, wall time, events/s).

Options:
  --speed <s>      1, 10, 100 or max (default max)
  --report <fmt>   json or text (default text)

Example:
  radar replay resources/samples/binance-btcusdt-2023-04-05.radar --speed max --report json`,
  async run(args, io) {
    const [path] = args.positionals
    if (!path) throw new UsageError('name a session file')
    const speed = speedOption(stringOption(args, 'speed'))
    const format = stringOption(args, 'report') ?? 'text'
    if (format !== 'json' && format !== 'text')
      throw new UsageError(`--report must be json or text, got "${format}"`)
    const report =
      speed === 'max' ? replaySessionReport(resolve(path)) : await replayInRealTime(resolve(path), speed)
    if (format === 'json') {
      const { metadata: _m, ...rest } = report
      io.stdout(`${JSON.stringify(rest, null, 2)}\n`)
    } else {
      printText(report, io)
    }
    return 0
  },
}
