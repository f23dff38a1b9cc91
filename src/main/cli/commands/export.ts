import { resolve } from 'node:path'
import { exportSession } from '../../engine/sessions/export-csv'
import { stringOption, UsageError } from '../args'
import type { Command } from '../command'
import { parseDurationMs } from './duration'
import { configForUserData } from './user-data-config'

export const exportCommand: Command = {
  name: 'export',
  summary: 'export a session’s raw events and metric series as CSV or Parquet',
  help: `Usage: radar export <session.radar> --format csv|parquet --out <dir> [--every 1m] [--user-data <dir>]

Writes one table of raw events per event type (trade, book, funding, ...) and metrics: the scoring
snapshot of every market at each step of session time; .csv or .parquet files. A metrics row stamped t
holds only events stamped at or before t, however sparse the session: metrics, composites with their
coverage, labels, setup tags, contradictions and the liquidation map's outputs.

Options:
  --format <f>        csv (default) or parquet
  --out <dir>         output folder (created if missing)
  --every <step>      metric series step in session time: 15m, 1h, 30s (a bare number is seconds; default 1m)
  --user-data <dir>   score with the settings saved in this folder (default: built-in defaults)`,
  async run(args, io) {
    const [path] = args.positionals
    if (!path) throw new UsageError('name a session file')
    const format = stringOption(args, 'format') ?? 'csv'
    if (format !== 'csv' && format !== 'parquet')
      throw new UsageError(`--format must be csv or parquet, got "${format}"`)
    const out = stringOption(args, 'out')
    if (!out) throw new UsageError('--out <dir> is required')
    const everyMs = parseDurationMs(stringOption(args, 'every') ?? '1m', 'every')
    const { config, notes } = await configForUserData(args)
    for (const n of notes) io.stderr(`note: ${n}\n`)
    const r = exportSession(resolve(path), resolve(out), { everyMs, format, config })
    for (const f of r.files) io.stdout(`${resolve(out, f.name)}: ${f.rows} rows\n`)
    return 0
  },
}
