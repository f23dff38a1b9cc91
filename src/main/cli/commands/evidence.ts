import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseHorizonMs, parseMovePct } from '../../../shared/evidence/horizons'
import { renderEvidenceHtml } from '../../engine/evidence/evidence-html'
import workerPath from '../../engine/evidence/evidence-worker-path'
import { runEvidence, type EvidenceWorkerSpec } from '../../engine/evidence/evidence-runner'
import { loadPipelineConfig } from '../../engine/scoring/pipeline-settings'
import { stringOption, UsageError } from '../args'
import type { Command } from '../command'

const DEFAULT_HORIZONS = '1h,4h,24h,72h'
const DEFAULT_MOVES = '2%,5%,10%'

function listOption<T>(text: string, name: string, parse: (s: string) => T): T[] {
  try {
    return text
      .split(',')
      .filter((s) => s.trim() !== '')
      .map(parse)
  } catch (err) {
    throw new UsageError(`--${name}: ${(err as Error).message}`)
  }
}

/** Built with the worker to use, so tests can run the worker from source. */
export function makeEvidenceCommand(worker: () => EvidenceWorkerSpec): Command {
  return {
    name: 'evidence',
    summary: 'measure how well each signal warned before large moves and liquidation spikes in sessions',
    help: `Usage: radar evidence <session.radar...> [--horizon ${DEFAULT_HORIZONS}] [--move ${DEFAULT_MOVES}] --json | --html <file>

Replays each session through the scoring engine, reads every regime label, setup tag, composite level,
contradiction and score on a time grid (from data available at that time only), and scores them against
what followed: moves beyond each threshold within each horizon, drawdowns, and realized liquidations above
their own 95th percentile. Prints hit rate vs base rate, lift, Wilson intervals, independent event counts,
ROC AUC, calibration and lead times; thin samples are labelled "not enough events". Progress goes to stderr.

Options:
  --horizon <list>  forward windows, e.g. 30m,1h,4h,3d (default ${DEFAULT_HORIZONS})
  --move <list>     move thresholds in percent (default ${DEFAULT_MOVES})
  --json            print the report as JSON on stdout
  --html <file>     write a self-contained HTML report (inline SVG plots, no scripts)
  --user-data <dir> score with the settings saved in this folder (default: built-in defaults)

Example:
  radar evidence resources/samples/binance-futures-metrics-2024-05-09-week.radar --html evidence.html`,
    flags: ['json'],
    async run(args, io) {
      const paths = args.positionals.map((p) => resolve(p))
      if (paths.length === 0) throw new UsageError('name at least one session file')
      const json = args.options.get('json') === true
      const html = stringOption(args, 'html')
      if (!json && html === undefined) throw new UsageError('choose --json or --html <file>')
      const horizonsMs = listOption(
        stringOption(args, 'horizon') ?? DEFAULT_HORIZONS,
        'horizon',
        parseHorizonMs,
      )
      const moves = listOption(stringOption(args, 'move') ?? DEFAULT_MOVES, 'move', parseMovePct)
      if (horizonsMs.length === 0 || moves.length === 0)
        throw new UsageError('--horizon and --move need values')
      const userData = stringOption(args, 'user-data')
      const { config, notes } = loadPipelineConfig(userData === undefined ? undefined : resolve(userData))
      for (const n of notes) io.stderr(`note: ${n}\n`)
      let shown = -1
      const report = await runEvidence(
        paths,
        { horizonsMs, moves, config },
        (p) => {
          const pct = Math.floor(p.fraction * 20) * 5
          if (pct === shown) return
          shown = pct
          io.stderr(`evidence: ${pct}% ${p.message}\n`)
        },
        undefined,
        worker(),
      )
      io.stderr('evidence: 100% done\n')
      if (json) io.stdout(`${JSON.stringify(report, null, 2)}\n`)
      if (html !== undefined) {
        writeFileSync(resolve(html), renderEvidenceHtml(report))
        io.stderr(`evidence: wrote ${resolve(html)}\n`)
      }
      return 0
    },
  }
}

export const evidenceCommand = makeEvidenceCommand(() => ({ path: workerPath }))
