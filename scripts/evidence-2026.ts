/**
 * The evidence table of docs/methodology.md and the stress index's calibration, rerunnable from the repository:
 *   npx tsx scripts/evidence-2026.ts [--json out.json] [--calibration resources/calibration/lsi-2026.json]
 *     [--docs docs/methodology.md]
 * (--docs rewrites the tables between the doc's evidence-table and calibration-table markers).
 *
 * Reads the shared 2026 BTC hourly file (../shared/data/btc-derivatives-2026, relative to the repository)
 * through the radar's own bars importer and scoring pipeline, reads the stress index's components at every
 * hour from events stamped before it, and measures each component, the classic index and a walk-forward
 * logistic composite against what happened in the next 4 hours:
 *   long / short liquidation spikes: the next 4 h's liquidations (first-class liquidation-bar events) above
 *   the 95th percentile of 4-h totals over the trailing 30 days (known at the time);
 *   moves: |close in 4 h / close now − 1| ≥ 3 %.
 * Out of sample only: the model for each half-month is fitted on rows whose outcome closed before it.
 * AUC intervals: bootstrap over whole days (hours of one episode never count as independent draws).
 * The classic index is then read as a probability of each liquidation spike (Platt scaling, walk-forward on
 * the same folds, judged by reliability bins and Brier score against the base rate): see `calibrate`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importSession } from '../src/main/engine/sessions/import-session'
import { replaySessionReport } from '../src/main/engine/sessions/replay-report'
import { SessionReader } from '../src/main/engine/sessions/session-reader'
import { SessionWriter } from '../src/main/engine/sessions/session-writer'
import type { MarketEvent } from '../src/shared/market-event'
import {
  aucOf,
  blockBootstrapAuc,
  forwardSum,
  independentEvents,
  reliability,
  trailingQuantile,
  trailingSum,
  walkForward,
} from '../src/shared/evidence/calibration/walk-forward'
import { calibrate, calibrationTable, evidenceTable, replaceBetweenMarkers } from './evidence-2026-tables'
import type { OutcomeEvidence } from './evidence-2026-tables'

const HOUR = 3_600_000
const KEY = 'binanceusdm:BTC/USDT:USDT'
const HERE = dirname(fileURLToPath(import.meta.url))
const DATA = resolve(HERE, '../../shared/data/btc-derivatives-2026/btc_hourly_2026-03-01_2026-06-02.csv')
const COMPONENTS = [
  ['funding stress', 'lsi-c-funding'],
  ['OI build', 'lsi-c-oi'],
  ['liquidation proximity', 'lsi-c-liq'],
  ['volatility', 'lsi-c-vol'],
] as const

/**
 * The file's prices are Binance spot klines, so the importer files them under the spot market and the perp
 * has OI, funding and liquidations but no price: no volatility and no liquidation map. For the evidence the
 * spot bars also price the perp (BTC's basis is a few basis points, far inside a 3 % move or a map cell).
 */
function perpPriced(from: string, to: string): string {
  const reader = SessionReader.open(from)
  const writer = SessionWriter.open(to, {
    label: 'BTC hourly 2026, spot bars pricing the perp',
    source: { kind: 'import', format: 'bars', files: [] },
    provenance: 'scripts/evidence-2026.ts from btc_hourly_2026-03-01_2026-06-02.csv',
    importer: null,
  })
  const events: MarketEvent[] = []
  for (const ev of reader.events()) {
    events.push(ev)
    if (ev.type === 'candle' && ev.symbol === 'BTC/USDT')
      events.push({ ...ev, venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' })
  }
  writer.append(events)
  writer.close()
  reader.close()
  return to
}

async function main(): Promise<void> {
  const option = (name: string) =>
    process.argv.includes(name) ? (process.argv[process.argv.indexOf(name) + 1] ?? null) : null
  const jsonOut = option('--json')
  const calibrationOut = option('--calibration')
  const docsOut = option('--docs')
  const dir = mkdtempSync(join(tmpdir(), 'radar-evidence-'))
  const imported = join(dir, 'btc-hourly.radar')
  await importSession('bars', [DATA], { out: imported })
  const session = perpPriced(imported, join(dir, 'btc-hourly-perp.radar'))

  // Scores at each hour, from events stamped before it (the export's rule: no look-ahead).
  const rows = new Map<number, { comp: number[]; classic: number }>()
  replaySessionReport(session, {
    snapshotEveryMs: HOUR,
    onSnapshots: (t, snaps) => {
      const s = snaps.find((x) => x.key === KEY)
      if (!s) return
      const v = (id: string) => s.metrics[id]?.value ?? NaN
      const own = s.metrics['lsi-own']
      rows.set(t, {
        comp: COMPONENTS.map(([, id]) => v(id)),
        classic: own?.value ?? own?.coverage?.partialValue ?? NaN,
      })
    },
  })

  // Bar-level truth: liquidation bars and closes by bar open time.
  const longBar = new Map<number, number>()
  const shortBar = new Map<number, number>()
  const closeBar = new Map<number, number>()
  const reader = SessionReader.open(session)
  for (const ev of reader.events()) {
    if (ev.symbol !== 'BTC/USDT:USDT') continue
    if (ev.type === 'liquidationBar') {
      longBar.set(ev.openTsMs, ev.longUsd)
      shortBar.set(ev.openTsMs, ev.shortUsd)
    } else if (ev.type === 'candle') closeBar.set(ev.openTsMs, ev.close)
  }
  reader.close()

  const times = [...rows.keys()].sort((a, b) => a - b)
  const at = <T>(m: Map<number, T>, t: number): T | number => m.get(t) ?? NaN
  const longs = times.map((t) => at(longBar, t) as number)
  const shorts = times.map((t) => at(shortBar, t) as number)
  // The close known at t is that of the bar which opened an hour before.
  const closeNow = times.map((t) => at(closeBar, t - HOUR) as number)
  const closeIn4h = times.map((t) => at(closeBar, t + 3 * HOUR) as number)

  const spike = (bars: number[]): (boolean | null)[] => {
    const next = forwardSum(bars, 4)
    const past = trailingSum(bars, 4)
    const threshold = trailingQuantile(past, 720, 0.95, 168)
    return next.map((v, i) =>
      Number.isFinite(v) && Number.isFinite(threshold[i]!) ? v > threshold[i]! : null,
    )
  }
  const outcomes = {
    'long-liquidation spike in 4 h': spike(longs),
    'short-liquidation spike in 4 h': spike(shorts),
    'move ≥ 3 % in 4 h': times.map((_, i) => {
      const a = closeNow[i]!
      const b = closeIn4h[i]!
      return Number.isFinite(a) && Number.isFinite(b) ? Math.abs(b / a - 1) >= 0.03 : null
    }),
  }

  const x = times.map((t) => rows.get(t)!.comp)
  const classic = times.map((t) => rows.get(t)!.classic)
  // Half-month folds from April: March only trains (and warms the 30-day spike thresholds).
  const foldStarts: number[] = []
  for (const iso of ['04-01', '04-16', '05-01', '05-16', '06-01']) {
    const i = times.findIndex((t) => t >= Date.parse(`2026-${iso}T00:00:00Z`))
    if (i > 0) foldStarts.push(i)
  }
  const oos = times.map((_, i) => i).filter((i) => i >= foldStarts[0]!)

  const result: Record<string, unknown> = {
    data: 'btc_hourly_2026-03-01_2026-06-02.csv (liquidations: Binance + Bybit + OKX; OI: Binance)',
    outOfSample: `${new Date(times[oos[0]!]!).toISOString()} – ${new Date(times[oos[oos.length - 1]!]!).toISOString()}`,
    hours: oos.length,
    available: Object.fromEntries(
      COMPONENTS.map(([name], j) => [name, oos.filter((i) => Number.isFinite(x[i]![j]!)).length]),
    ),
    outcomes: {} as Record<string, unknown>,
  }
  const lines: string[] = []
  lines.push(`Out of sample: ${result.outOfSample as string}, ${oos.length} hours.`)
  lines.push(`Hours with each component: ${JSON.stringify(result.available)}`)
  const measured: OutcomeEvidence[] = []
  for (const [name, y] of Object.entries(outcomes)) {
    const { p, models } = walkForward(x, y, foldStarts, 4, 1)
    const labelled = oos.filter((i) => y[i] !== null)
    const events = labelled.filter((i) => y[i]).length
    const scores: [string, number[]][] = [
      ...COMPONENTS.map(([c], j): [string, number[]] => [c, x.map((r) => r[j]!)]),
      ['classic index (seed weights)', classic],
      ['walk-forward logistic composite', p],
    ]
    const table = scores.map(([label, s]) => {
      const auc = aucOf(s, y, labelled)
      const ci = blockBootstrapAuc(s, y, labelled, 24, 1000, 7)
      return { label, auc, ci, n: labelled.filter((i) => Number.isFinite(s[i]!)).length }
    })
    const evidence: OutcomeEvidence = {
      outcome: name,
      baseRate: events / labelled.length,
      events,
      independentEvents: independentEvents(y, labelled, 4),
      table,
      reliability: reliability(p, y, labelled, 5),
    }
    measured.push(evidence)
    ;(result.outcomes as Record<string, unknown>)[name] = { ...evidence, lastModel: models.at(-1) }
  }
  const calibration = calibrate(times, classic, outcomes, foldStarts, oos)
  result.calibration = calibration
  const table = evidenceTable(measured)
  const calTable = calibrationTable(calibration)
  lines.push('', ...table, '', ...calTable)
  process.stdout.write(`${lines.join('\n')}\n`)
  if (calibrationOut) writeFileSync(calibrationOut, `${JSON.stringify(calibration, null, 2)}\n`)
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(result, null, 2)}\n`)
  if (docsOut) {
    replaceBetweenMarkers(docsOut, 'evidence-table', [lines[0]!, '', ...table])
    replaceBetweenMarkers(docsOut, 'calibration-table', calTable)
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
