/**
 * Label changes per market-day: how often each regime label changes on the bundled
 * samples, read from snapshots every second of session time as the radar would show them. An alert on a
 * label that flaps is noise, so each label has hysteresis and a minimum dwell time (docs/methodology.md#labels).
 * The tick samples are minutes long: a per-day rate from them is an extrapolation, printed with the time the
 * label was determined over. Prints figures; never passes or fails.
 */
import { join } from 'node:path'
import { machineLoad, SAMPLES_DIR } from './bench-env'
import { replaySessionReport } from '../src/main/engine/sessions/replay-report'
import { DEFAULT_SCORING_CONFIG } from '../src/shared/scoring/config'
import type { PipelineConfig } from '../src/shared/scoring/scoring-pipeline'

const DAY_MS = 86_400_000

interface LabelTally {
  changes: number
  /** Market-time over which the label was determined (first to last non-null reading per market), ms. */
  determinedMs: number
}

interface Run {
  file: string
  everyMs: number
  config?: PipelineConfig
  /** Per label, the day a change count is divided by: market-time (default) or 50 completed VPIN buckets. */
  perBuckets?: boolean
}

function labelChanges({ file, everyMs, config, perBuckets }: Run): string {
  let buckets = 0
  const prev = new Map<string, string>()
  const firstSeen = new Map<string, number>()
  const lastSeen = new Map<string, number>()
  const tally = new Map<string, LabelTally>()
  const bump = (id: string): LabelTally => {
    let t = tally.get(id)
    if (!t) tally.set(id, (t = { changes: 0, determinedMs: 0 }))
    return t
  }
  const note = (k: string, id: string, v: string, t: number): void => {
    const was = prev.get(k)
    if (was !== undefined && was !== v) bump(id).changes++
    else bump(id)
    prev.set(k, v)
    if (!firstSeen.has(k)) firstSeen.set(k, t)
    lastSeen.set(k, t)
  }
  const report = replaySessionReport(join(SAMPLES_DIR, file), {
    ...(config ? { config } : {}),
    snapshotEveryMs: everyMs,
    onSnapshots: (t, snaps, pipeline) => {
      if (perBuckets)
        buckets = [...pipeline.core.scoring.markets.values()].reduce((a, m) => a + m.vpin.bucketsCompleted, 0)
      for (const s of snaps) {
        for (const [id, v] of Object.entries(s.labels)) if (v !== null) note(`${s.key}\t${id}`, id, v, t)
      }
    },
  })
  for (const [k, t0] of firstSeen) bump(k.split('\t')[1]!).determinedMs += lastSeen.get(k)! - t0 + everyMs
  if (perBuckets) {
    const v = tally.get('vpin-level') ?? { changes: 0, determinedMs: 0 }
    return `${file} (${report.markets.length} markets, ${buckets} VPIN buckets): vpin-level ${(v.changes / (buckets / BUCKETS_PER_DAY)).toFixed(1)} changes per ${BUCKETS_PER_DAY} buckets (${v.changes} changes)`
  }
  const rows = [...tally]
    .filter(([, t]) => t.determinedMs > 0)
    .map(([id, t]) => ({ id, t, perDay: t.changes / (t.determinedMs / DAY_MS) }))
    .sort((a, b) => b.perDay - a.perDay)
    .map(
      ({ id, t, perDay }) =>
        `${id} ${perDay.toFixed(1)} (${t.changes} over ${(t.determinedMs / 3_600_000).toFixed(2)} market-h)`,
    )
  return `${file}: changes per market-day: ${rows.join(', ') || 'none'}`
}

const cfg = DEFAULT_SCORING_CONFIG
const BUCKETS_PER_DAY = cfg.vpinBucketsPerDay
console.log(
  `labels: hysteresis ${cfg.hysteresisMargin} of a band, dwell ${cfg.labelDwellMs / 60_000} min for regime labels (tags ${cfg.minDwellMs / 1000} s) (${machineLoad()})`,
)
const TICK = ['binance-btcusdt-2023-04-05.radar', 'binance-btc-eth-2024-08-08.radar']
for (const file of TICK)
  console.log(`labels.changes_per_market_day: ${labelChanges({ file, everyMs: 1_000 })}`)
console.log(
  `labels.changes_per_market_day: ${labelChanges({ file: 'binance-futures-metrics-2024-05-09-week.radar', everyMs: 60_000 })}`,
)

// VPIN fills ADV / 50 buckets (about 29 min each) after 30 min of trades, so the tick samples (6-7 min) never
// show a toxicity level at production sizing. The toxicity label is measured on them with time compressed:
// buckets COMPRESS times smaller, the daily-volume estimate after 1 min and the dwell COMPRESS times shorter, so
// a bucket and the dwell keep their ratio; changes are counted per 50 completed buckets (a market-day's worth).
const COMPRESS = 288
const compressed: PipelineConfig = {
  scoring: {
    vpinBucketsPerDay: cfg.vpinBucketsPerDay * COMPRESS,
    vpinBootstrapMinutes: 1,
    labelDwellMs: cfg.labelDwellMs / COMPRESS,
  },
  heatmap: {},
}
const noDwell: PipelineConfig = { ...compressed, scoring: { ...compressed.scoring, labelDwellMs: 0 } }
for (const file of TICK) {
  const run = { file, everyMs: 1_000, perBuckets: true }
  console.log(
    `labels.vpin_level_changes_per_50_buckets: ${labelChanges({ ...run, config: compressed })}; goal ≤ 6; hysteresis alone: ${labelChanges({ ...run, config: noDwell }).split(': ')[1]}`,
  )
}
