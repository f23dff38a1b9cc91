import { resolve } from 'node:path'
import { exportSessionCsv } from '../../engine/sessions/export-csv'
import { numberOption, stringOption, UsageError } from '../args'
import type { Command } from '../command'

export const exportCommand: Command = {
  name: 'export',
  summary: 'export a session’s raw events and metric series as CSV',
  help: `Usage: radar export <session.radar> --format csv --out <dir> [--every <seconds>]

Writes one CSV of raw events per event type (trade.csv, book.csv, funding.csv, ...) and metrics.csv: the
scoring snapshot of every market every N seconds of session time.

Options:
  --format csv       output format (Parquet is not available yet)
  --out <dir>        output folder (created if missing)
  --every <seconds>  metric series step in session time (default 60)`,
  async run(args, io) {
    const [path] = args.positionals
    if (!path) throw new UsageError('name a session file')
    const format = stringOption(args, 'format') ?? 'csv'
    if (format === 'parquet') throw new UsageError('Parquet export is not available yet; use --format csv')
    if (format !== 'csv') throw new UsageError(`--format must be csv, got "${format}"`)
    const out = stringOption(args, 'out')
    if (!out) throw new UsageError('--out <dir> is required')
    const every = numberOption(args, 'every') ?? 60
    if (every <= 0) throw new UsageError('--every must be a positive number of seconds')
    const r = exportSessionCsv(resolve(path), resolve(out), { everyMs: every * 1000 })
    for (const f of r.files) io.stdout(`${resolve(out, f.name)}: ${f.rows} rows\n`)
    return 0
  },
}
