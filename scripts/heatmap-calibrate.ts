/**
 * Walk-forward calibration of the liquidation map's assumptions on the hourly BTC history in
 * ../shared/data/btc-derivatives-2026 (or $RADAR_DATA): realized long/short liquidations summed over
 * Binance + Bybit + OKX beside Binance's open interest and Binance spot prices.
 *
 * Objective: Spearman's ρ between the map's estimate over each hour's exact range (longs open → low, shorts
 * open → high) and the realized totals, the mean of both sides. ρ is a rank statistic, so the venue mismatch
 * (three venues' liquidations, one venue's OI) costs nothing while Binance's share of the market is steady;
 * where it drifts it adds the same noise to the map and to the |move| × OI baseline, which uses the same OI.
 *
 * Folds (expanding window): fit on March, test on April; fit on March–April, test on May 1 – June 2. Every
 * candidate runs once over the whole file (the map is causal: each hour is scored with the map at its open)
 * and its hours are split by period; the first 168 hours (one week) are warm-up and never scored. The
 * out-of-sample figures join each fold's test hours scored by that fold's winner, with the baselines and
 * day-block bootstrap intervals from the same hours. The shipped defaults are the winner on all scored hours.
 *
 * Every candidate runs through the scoring pipeline on the events the bars importer reads from the file.
 *
 * Run: `npx tsx scripts/heatmap-calibrate.ts [--quick]` (prints a Markdown report; --quick: a smaller grid).
 */
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { barsImporter } from '../src/main/engine/sessions/importers/bars'
import { loadBundledTiers } from '../src/main/engine/sizing/bundled-tiers'
import type { BarCheckOptions, BarRow } from '../src/shared/heatmap/bar-check'
import { collectBarRows, scoreSide } from '../src/shared/heatmap/bar-check'
import { barCheckStreams } from '../src/shared/heatmap/bar-check-markets'
import type { HeatmapConfigInput, LeverageLevel } from '../src/shared/heatmap/heatmap-config'
import { pipelineFeed } from '../src/shared/heatmap/map-feed'
import { spearman } from '../src/shared/heatmap/rank-stats'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const data = resolve(process.env.RADAR_DATA ?? join(root, '..', 'shared', 'data'))
const FILE = 'btc-derivatives-2026/btc_hourly_2026-03-01_2026-06-02.csv'
const quick = process.argv.includes('--quick')

const MIXES: Record<string, LeverageLevel[]> = {
  'shipped before (5/10/25/50/100x)': [
    { leverage: 5, weight: 0.15 },
    { leverage: 10, weight: 0.3 },
    { leverage: 25, weight: 0.25 },
    { leverage: 50, weight: 0.2 },
    { leverage: 100, weight: 0.1 },
  ],
  'low (3/5/10/20x)': [
    { leverage: 3, weight: 0.2 },
    { leverage: 5, weight: 0.3 },
    { leverage: 10, weight: 0.3 },
    { leverage: 20, weight: 0.2 },
  ],
  'even (10/20/50/100x)': [
    { leverage: 10, weight: 0.25 },
    { leverage: 20, weight: 0.25 },
    { leverage: 50, weight: 0.25 },
    { leverage: 100, weight: 0.25 },
  ],
  'high (25/50/75/100x)': [
    { leverage: 25, weight: 0.25 },
    { leverage: 50, weight: 0.3 },
    { leverage: 75, weight: 0.2 },
    { leverage: 100, weight: 0.25 },
  ],
  'very high (50/100/125x)': [
    { leverage: 50, weight: 0.3 },
    { leverage: 100, weight: 0.4 },
    { leverage: 125, weight: 0.3 },
  ],
}
const POSITIONS_USD = quick ? [5_000] : [5_000, 100_000, 1_000_000]
const DECAY_HOURS = quick ? [48] : [12, 48, 168]
const LEVERAGE_SPREADS = quick ? [0, 0.5] : [0, 0.3, 0.6]
const PRICE_SPREADS = ['point', 'triangular'] as const

const WARMUP_BARS = 168
const APRIL = Date.UTC(2026, 3, 1)
const MAY = Date.UTC(2026, 4, 1)
const FOLDS = [
  { name: 'fit Mar → test Apr', fitTo: APRIL, testFrom: APRIL, testTo: MAY },
  { name: 'fit Mar–Apr → test May–Jun 2', fitTo: MAY, testFrom: MAY, testTo: Number.POSITIVE_INFINITY },
]
const CHECK: BarCheckOptions = { warmupBars: WARMUP_BARS, bigMovePct: 1, draws: 1000, seed: 1 }

interface Candidate {
  label: string
  mix: string
  cfg: Partial<HeatmapConfigInput>
  rows: BarRow[]
}

const rhoOf = (rows: readonly BarRow[]): number => {
  const l = spearman(
    rows.map((r) => r.longMapUsd),
    rows.map((r) => r.longRealUsd),
  )
  const s = spearman(
    rows.map((r) => r.shortMapUsd),
    rows.map((r) => r.shortRealUsd),
  )
  return l === null || s === null ? Number.NEGATIVE_INFINITY : (l + s) / 2
}
const within = (rows: readonly BarRow[], from: number, to: number) =>
  rows.filter((r) => r.openTsMs >= from && r.openTsMs < to)

const tiers = loadBundledTiers().markets.get('BTC/USDT:USDT')?.tiers
if (!tiers) throw new Error('BTC/USDT:USDT is missing from the bundled tiers snapshot')
// Read as \`radar import --format bars\` reads it; the perp's prices are the file's Binance spot klines.
const imported = await barsImporter.run([join(data, FILE)], {})
const { streams } = barCheckStreams(imported.events.sort((a, b) => a.exchangeTsMs - b.exchangeTsMs))
const btc = streams.find((st) => st.key === 'binanceusdm:BTC/USDT:USDT')
if (!btc) throw new Error(`${FILE}: no BTC perp market with liquidation bars and open interest`)

const candidates: Candidate[] = []
for (const [mix, levels] of Object.entries(MIXES))
  for (const positionNotionalUsd of POSITIONS_USD)
    for (const decayHours of DECAY_HOURS)
      for (const leverageSpread of LEVERAGE_SPREADS)
        for (const priceSpread of PRICE_SPREADS) {
          const cfg: Partial<HeatmapConfigInput> = {
            levels,
            positionNotionalUsd,
            decayHalfLifeSec: decayHours * 3600,
            leverageSpread,
            priceSpread,
          }
          // Through the scoring pipeline, as \`radar heatmap-check\` and the app run the map.
          const feed = pipelineFeed({ config: { scoring: {}, heatmap: cfg }, tiersFor: () => tiers })
          const { rows } = collectBarRows(btc.events, feed, btc.key, CHECK)
          const label = `${mix}, ${positionNotionalUsd.toLocaleString('en-US')} USD, ${decayHours} h, leverage spread ${leverageSpread}, ${priceSpread}`
          candidates.push({ label, mix, cfg, rows })
        }

const best = (from: number, to: number): Candidate =>
  candidates.reduce((a, c) => (rhoOf(within(c.rows, from, to)) > rhoOf(within(a.rows, from, to)) ? c : a))
const fmt = (v: number | null): string => (v === null ? '—' : v.toFixed(3))
const ci = (v: { lo: number; hi: number } | null): string =>
  v === null ? '—' : `[${v.lo.toFixed(3)}, ${v.hi.toFixed(3)}]`

function sideTable(title: string, rows: BarRow[]): string[] {
  const out = [
    `**${title}** (${rows.length} hours)`,
    '',
    '| side | ρ map | ρ \\|move\\| | ρ \\|move\\| × OI | map − \\|move\\| × OI (95 % CI) | map in range | hours ≥ 1 %: ρ map / ρ \\|move\\| × OI (CI of difference) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ]
  for (const side of ['long', 'short'] as const) {
    const s = scoreSide(rows, side, CHECK)
    const d = s.rhoMap === null || s.rhoMoveOi === null ? null : s.rhoMap - s.rhoMoveOi
    out.push(
      `| ${side}s | ${fmt(s.rhoMap)} ${ci(s.ci.map)} | ${fmt(s.rhoMove)} | ${fmt(s.rhoMoveOi)} | ${fmt(d)} ${ci(s.ci.mapMinusMoveOi)} | ` +
        `${(s.mapNonZeroShare * 100).toFixed(0)} % | ${s.big.bars}: ${fmt(s.big.rhoMap)} / ${fmt(s.big.rhoMoveOi)} ${ci(s.big.mapMinusMoveOi)} |`,
    )
  }
  return [...out, '']
}

const lines: string[] = [
  `# Liquidation map calibration (${candidates.length} candidates${quick ? ', quick grid' : ''})`,
  '',
]
const before = candidates.find(
  (c) =>
    c.mix.startsWith('shipped before') &&
    c.cfg.positionNotionalUsd === 5_000 &&
    c.cfg.decayHalfLifeSec === 48 * 3600 &&
    c.cfg.leverageSpread === 0 &&
    c.cfg.priceSpread === 'point',
)
const oosRows: BarRow[] = []
const oosBefore: BarRow[] = []
for (const f of FOLDS) {
  const w = best(Number.NEGATIVE_INFINITY, f.fitTo)
  const inS = rhoOf(within(w.rows, Number.NEGATIVE_INFINITY, f.fitTo))
  const outS = rhoOf(within(w.rows, f.testFrom, f.testTo))
  lines.push(`- ${f.name}: winner ${w.label}; mean ρ in sample ${fmt(inS)}, out of sample ${fmt(outS)}`)
  oosRows.push(...within(w.rows, f.testFrom, f.testTo))
  if (before) oosBefore.push(...within(before.rows, f.testFrom, f.testTo))
}
lines.push('')
if (before)
  lines.push(...sideTable('Before calibration (the model as shipped before), out-of-sample hours', oosBefore))
lines.push(...sideTable('Walk-forward, out of sample (each fold’s winner on its test months)', oosRows))
const final = best(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)
lines.push(`Shipped defaults (winner on all scored hours, in sample): ${final.label}`, '')
lines.push(...sideTable('Shipped defaults, in sample (all scored hours)', final.rows))
const ranked = [...candidates].sort((a, b) => rhoOf(b.rows) - rhoOf(a.rows))
lines.push('Top 10 candidates by mean ρ on all scored hours (in sample):', '')
for (const c of ranked.slice(0, 10)) lines.push(`- ${fmt(rhoOf(c.rows))} ${c.label}`)
console.log(lines.join('\n'))
