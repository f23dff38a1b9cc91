import { resolve } from 'node:path'
import { exportSession } from '../../engine/sessions/export-csv'
import { numberOption, stringOption, UsageError } from '../args'
import type { Command } from '../command'

export const exportCommand: Command = {
  name: 'export',
  summary: 'export a session’s raw events and metric series as CSV or Parquet',
  help: `Usage: radar export <session.radar> --format csv|parquet --out <dir> [--every <seconds>]

Writes one table of raw events per event type (trade, book, funding, ...) and metrics: the scoring
snapshot of every market every N seconds of session time; .csv or .parquet files.

Options:
  --format <f>       csv (default) or parquet
  --out <dir>        output folder (created if missing)
  --every <seconds>  metric series step in session time (default 60)`,
  async run(args, io) {
    const [path] = args.positionals
    if (!path) throw new UsageError('name a session file')
    const format = stringOption(args, 'format') ?? 'csv'
    if (format !== 'csv' && format !== 'parquet')
      throw new UsageError(`--format must be csv or parquet, got "${format}"`)
    const out = stringOption(args, 'out')
    if (!out) throw new UsageError('--out <dir> is required')
    const every = numberOption(args, 'every') ?? 60
    if (every <= 0) throw new UsageError('--every must be a positive number of seconds')
    const r = exportSession(resolve(path), resolve(out), { everyMs: every * 1000, format })
    for (const f of r.files) io.stdout(`${resolve(out, f.name)}: ${f.rows} rows\n`)
    return 0
  },
}
