import { resolve } from 'node:path'
import type { BarCheckOptions, SideScore } from '../../../shared/heatmap/bar-check'
import { DEFAULT_BAR_CHECK } from '../../../shared/heatmap/bar-check'
import type { BarCheckRun } from '../../../shared/heatmap/bar-check-markets'
import { runBarCheck } from '../../../shared/heatmap/bar-check-markets'
import type { SessionBarCheck } from '../../../shared/contract/heatmap-check'
import type { HeatmapCheckOptions, MarketCheck } from '../../../shared/heatmap/heatmap-check'
import { DEFAULT_CHECK_OPTIONS, runHeatmapCheck } from '../../../shared/heatmap/heatmap-check'
import type { MapFeed } from '../../../shared/heatmap/map-feed'
import { pipelineFeed } from '../../../shared/heatmap/map-feed'
import { configForSession } from '../../../shared/scoring/config-for-session'
import { liquidationProximity } from '../../../shared/heatmap/heatmap-query'
import type { HeatmapState } from '../../../shared/heatmap/heatmap-state'
import { flushHeatmapBar, referencePrice } from '../../../shared/heatmap/heatmap-state'
import type { Interval } from '../../../shared/heatmap/rank-stats'
import type { VenueId } from '../../../shared/market-event'
import { isPerpSymbol, parseMarketKey, VENUE_IDS } from '../../../shared/market-event'
import type { TiersLookup } from '../../../shared/radar-core'
import type { PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import type { ParsedTiersSnapshot } from '../../../shared/sizing/tiers-snapshot'
import { barsImporter } from '../../engine/sessions/importers/bars'
import { sessionBarCheck } from '../../engine/heatmap/session-bar-check'
import { SessionReader } from '../../engine/sessions/session-reader'
import { loadPipelineConfig } from '../../engine/scoring/pipeline-settings'
import { loadBundledTiers, loadTiersSnapshotFile } from '../../engine/sizing/bundled-tiers'
import type { ParsedArgs } from '../args'
import { stringOption, UsageError } from '../args'
import type { Command, CommandIo } from '../command'
import { heatmapModelOptions, numberIn } from './heatmap-check-options'
import { formatSpan } from './session-cli-format'

const usd = (v: number): string => `${Math.round(v).toLocaleString('en-US')} USD`
const pct = (v: number | null, digits = 1): string => (v === null ? '—' : `${(v * 100).toFixed(digits)} %`)
const rho = (v: number | null): string => (v === null ? '—' : v.toFixed(3))
const ci = (v: Interval | null): string => (v === null ? '' : ` [${v.lo.toFixed(3)}, ${v.hi.toFixed(3)}]`)

function printMarket(m: MarketCheck, o: HeatmapCheckOptions, io: CommandIo): void {
  io.stdout(
    `\n${m.key}  realized liquidations ${m.liquidations} (${usd(m.liquidationUsd)}); evaluated ${m.evaluated}, ` +
      `outside ±${o.rangePct} % ${m.outsideRange}, before the map existed ${m.noMap}\n`,
  )
  if (m.evaluated === 0) {
    io.stdout('  nothing to score: no liquidation fell where the model had a map\n')
    return
  }
  const caught = m.evaluatedUsd > 0 ? m.capturedUsd / m.evaluatedUsd : null
  const uniform = m.evaluatedUsd > 0 ? m.uniformExpectedUsd / m.evaluatedUsd : null
  io.stdout(
    `  lift ${m.lift === null ? '—' : m.lift.toFixed(2)}: dense cells (top ${o.denseShare * 100} % of filled cells) ` +
      `caught ${pct(caught)} of the USD; a uniform map over the same range would catch ${pct(uniform)}\n`,
  )
  io.stdout(
    `  top-${o.topN} clusters within ±${o.hitPct} %: ${m.hits} of ${m.evaluated} liquidations (${pct(m.hitRate)}, ` +
      `${pct(m.hitRateUsd)} of USD); uniform prices would hit ${pct(m.uniformHitRate)}\n`,
  )
}

function printSide(name: string, s: SideScore, o: BarCheckOptions, io: CommandIo): void {
  io.stdout(
    `  ${name} ${s.bars} bars (map holds USD in the bar's range in ${pct(s.mapNonZeroShare, 0)}): ` +
      `Spearman ρ map ${rho(s.rhoMap)}${ci(s.ci.map)}, |move| ${rho(s.rhoMove)}${ci(s.ci.move)}, ` +
      `|move| × OI ${rho(s.rhoMoveOi)}${ci(s.ci.moveOi)}\n` +
      `    map − |move| × OI ${rho(s.rhoMap === null || s.rhoMoveOi === null ? null : s.rhoMap - s.rhoMoveOi)}` +
      `${ci(s.ci.mapMinusMoveOi)}; map − |move|${ci(s.ci.mapMinusMove)}\n` +
      `    moves ≥ ${o.bigMovePct} %: ${s.big.bars} bars, map ${rho(s.big.rhoMap)}, |move| × OI ${rho(s.big.rhoMoveOi)}, ` +
      `difference${ci(s.big.mapMinusMoveOi)}\n`,
  )
}

function printBarCheck(run: BarCheckRun, o: BarCheckOptions, io: CommandIo): void {
  for (const m of run.markets) {
    const skipped = Object.entries(m.skipped)
      .map(([why, n]) => `${why} ${n}`)
      .join('; ')
    io.stdout(
      `\n${m.key}  bar check against realized liquidation totals (95 % day-block bootstrap intervals)\n` +
        `  prices from ${m.priceFrom}; bars not scored: ${skipped || 'none'}\n`,
    )
    printSide('longs ', m.long, o, io)
    printSide('shorts', m.short, o, io)
  }
  for (const s of run.skippedMarkets) io.stdout(`  ${s.key}: not checked by bar (${s.reason})\n`)
}

function printMapSummary(key: string, s: HeatmapState, io: CommandIo): void {
  const p = liquidationProximity(s)
  if (!p) {
    io.stdout(`  ${key}: no estimated map (${s.prevOi === null ? 'no open interest' : 'no price'})\n`)
    return
  }
  const d = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} %`)
  io.stdout(
    `  ${key}: reference price ${referencePrice(s)} (mark, else last); nearest cluster above ${d(p.nearestAbovePct)}, below ${d(p.nearestBelowPct)}; ` +
      `±1 % ${usd(p.within1PctUsd)}, ±2 % ${usd(p.within2PctUsd)}\n`,
  )
}

function barOptions(args: ParsedArgs): BarCheckOptions {
  const d = DEFAULT_BAR_CHECK
  const isCount = (v: number) => Number.isInteger(v) && v >= 0
  return {
    warmupBars: numberIn(args, 'warmup-bars', d.warmupBars, isCount),
    bigMovePct: numberIn(args, 'big-move-pct', d.bigMovePct, (v) => v > 0 && v < 100),
    draws: numberIn(args, 'draws', d.draws, (v) => Number.isInteger(v) && v >= 10 && v <= 100_000),
    seed: numberIn(args, 'seed', d.seed, isCount),
  }
}

/**
 * Reads a bars CSV through the bars importer (the same parser `radar import --format bars` uses): events in
 * exchange-time order, with the importer's notes and bad rows.
 */
async function readCsv(path: string, args: ParsedArgs) {
  const venue = stringOption(args, 'venue') as VenueId | undefined
  if (venue !== undefined && !VENUE_IDS.includes(venue))
    throw new UsageError(`--venue ${venue}: use one of ${VENUE_IDS.join(', ')}`)
  const symbol = stringOption(args, 'symbol')
  const columns = stringOption(args, 'columns')
  const r = await barsImporter.run([resolve(path)], {
    ...(venue !== undefined && { venue }),
    ...(symbol !== undefined && { symbol }),
    ...(columns !== undefined && { columns }),
  })
  const events = r.events.sort((a, b) => a.exchangeTsMs - b.exchangeTsMs)
  return {
    events,
    notes: r.dataQuality,
    badRows: r.badRows,
    badRowCount: r.badRowCount,
    bars: r.stats.bars ?? 0,
  }
}

/** Why a market of the stream has no per-order score. */
function skipReason(key: string, hasMap: boolean, tiersFor: TiersLookup): string {
  const { venue, symbol } = parseMarketKey(key)
  if (!isPerpSymbol(symbol)) return 'spot market: no leveraged positions to map'
  if (!tiersFor(venue, symbol)) return 'no maintenance-margin tiers for this market'
  return hasMap ? 'no realized liquidation events to check against' : 'no map: no event built one'
}

export const heatmapCheckCommand: Command = {
  name: 'heatmap-check',
  summary:
    'score the estimated liquidation map against realized liquidations (single orders or per-bar totals)',
  help: `Usage: radar heatmap-check <session.radar | bars.csv> [options] [--json]

Replays the data through the scoring pipeline (the radar's own liquidation map) and scores it against what was really liquidated, with no
look-ahead:
  per order  every realized liquidation against the map before it (same side):
             lift (USD in dense cells ÷ what a uniform map over ±range-pct catches) and hit rate (within
             ±hit-pct of one of the top-N clusters, beside uniform prices)
  per bar    realized liquidation totals per bar (liquidation bars, or a bars CSV such as the
             btc-derivatives-2026 hourly file) against the map at the bar's open queried over the bar's
             exact range (longs open → low, shorts open → high): Spearman ρ beside the |move| and
             |move| × OI baselines from the same bars, 95 % day-block bootstrap intervals
A market or bar that cannot be scored is listed with the reason (in --json too).

Check options:
  --range-pct <p>    per order: price range around the price that is scored (default 5)
  --dense-share <f>  per order: share of filled cells counted as dense (default 0.2)
  --top <n>          per order: clusters per side for the hit rate (default 5)
  --hit-pct <p>      per order: distance from a cluster that counts as a hit (default 0.5)
  --warmup-bars <n>  per bar: bars left unscored while the map fills (default ${DEFAULT_BAR_CHECK.warmupBars})
  --big-move-pct <p> per bar: the subset of bars moving at least this on the side (default 1)
  --draws <n>        bootstrap draws (default 1000); --seed <n> (default 1)
Model options (default: the shipped assumptions):
  --levels <L:w,…>   leverage mix, e.g. 10:0.5,50:0.5     --position-usd <n>   assumed position notional
  --decay-hours <h>  half-life of estimated levels        --cell-pct <p>       price cell, % of the first price
  --price-spread <s> triangular or point                  --leverage-spread <f> spread of each margin 1/L
  --tiers-file <f>   leverage tiers snapshot (default: the bundled Binance USDⓈ-M snapshot)
Settings: --user-data <dir>  the maps run through the scoring pipeline with the settings saved in this
  folder (default: built-in defaults); the model options above override its heatmap assumptions
Bars CSV options (read by the bars importer, as \`radar import --format bars\`): --venue, --symbol,
  --columns field=column,… (the btc-derivatives layout needs none)

Examples:
  radar heatmap-check ../shared/data/btc-derivatives-2026/btc_hourly_2026-03-01_2026-06-02.csv
  radar heatmap-check resources/samples/binance-futures-metrics-2024-05-09-week.radar`,
  flags: ['json'],
  async run(args, io) {
    const [path] = args.positionals
    if (!path) throw new UsageError('name a session file or a bars CSV')
    const opts: HeatmapCheckOptions = {
      rangePct: numberIn(args, 'range-pct', DEFAULT_CHECK_OPTIONS.rangePct, (v) => v > 0 && v < 100),
      denseShare: numberIn(args, 'dense-share', DEFAULT_CHECK_OPTIONS.denseShare, (v) => v > 0 && v <= 1),
      topN: numberIn(args, 'top', DEFAULT_CHECK_OPTIONS.topN, (v) => Number.isInteger(v) && v >= 1),
      hitPct: numberIn(args, 'hit-pct', DEFAULT_CHECK_OPTIONS.hitPct, (v) => v > 0 && v < 100),
    }
    const barOpts = barOptions(args)
    const model = heatmapModelOptions(args)
    const userData = stringOption(args, 'user-data')
    const settings = loadPipelineConfig(userData === undefined ? undefined : resolve(userData))
    // The user's settings, with the assumptions given on the command line over them.
    const config: PipelineConfig = {
      scoring: settings.config.scoring,
      heatmap: { ...settings.config.heatmap, ...model },
    }
    const tiersFile = stringOption(args, 'tiers-file')
    const tiers: ParsedTiersSnapshot = tiersFile
      ? loadTiersSnapshotFile(resolve(tiersFile))
      : loadBundledTiers()
    const tiersFor: TiersLookup = (venue, symbol) =>
      venue === tiers.venue && isPerpSymbol(symbol) ? (tiers.markets.get(symbol)?.tiers ?? null) : null
    const makeFeed = (key: string): MapFeed | null => {
      const { venue, symbol } = parseMarketKey(key)
      return tiersFor(venue, symbol) ? pipelineFeed({ config, tiersFor }) : null
    }
    const json = args.options.has('json')
    const settingsFrom = userData === undefined ? 'built-in defaults' : resolve(userData)
    if (path.toLowerCase().endsWith('.csv')) {
      const c = await readCsv(path, args)
      const run = runBarCheck(c.events, makeFeed, barOpts)
      if (json) {
        const out = {
          file: path,
          settings: settingsFrom,
          settingsNotes: settings.notes,
          barOptions: barOpts,
          heatmap: config.heatmap,
          badRowCount: c.badRowCount,
          badRows: c.badRows,
          notes: c.notes,
          barCheck: run,
        }
        io.stdout(`${JSON.stringify(out, null, 2)}\n`)
        return 0
      }
      io.stdout(`${path}\n  ${c.bars} bars; settings: ${settingsFrom}\n`)
      for (const n of [...settings.notes, ...c.notes]) io.stdout(`  ${n}\n`)
      if (c.badRowCount > 0)
        io.stdout(
          `  ${c.badRowCount} rows skipped, first: line ${c.badRows[0]!.line}: ${c.badRows[0]!.reason}\n`,
        )
      printBarCheck(run, barOpts, io)
      return 0
    }
    let result: ReturnType<typeof runHeatmapCheck>
    const reader = SessionReader.open(resolve(path))
    try {
      const sessionConfig = configForSession(config, reader.metadata)
      result = runHeatmapCheck(reader.events(), pipelineFeed({ config: sessionConfig, tiersFor }), opts)
    } finally {
      reader.close()
    }
    const bars: SessionBarCheck = sessionBarCheck(resolve(path), config, tiersFor, barOpts)
    for (const s of result.states.values()) flushHeatmapBar(s)
    const withOi = [...result.states].filter(([, s]) => s.prevOi !== null).map(([k]) => k)
    const scored = new Set(result.markets.map((m) => m.key))
    const skippedMarkets = [...new Set([...result.unmodelled, ...result.states.keys()])]
      .filter((k) => !scored.has(k))
      .sort()
      .map((key) => ({ key, reason: skipReason(key, result.states.has(key), tiersFor) }))
    if (json) {
      const out = {
        session: reader.metadata.label,
        settings: settingsFrom,
        settingsNotes: settings.notes,
        options: opts,
        barOptions: barOpts,
        heatmap: config.heatmap,
        withOpenInterest: withOi,
        unmodelled: result.unmodelled,
        markets: result.markets,
        skippedMarkets,
        barCheck: bars,
      }
      io.stdout(`${JSON.stringify(out, null, 2)}\n`)
      return 0
    }
    const span = reader.span
    io.stdout(`${reader.metadata.label}\n  ${formatSpan(span.startTsMs, span.endTsMs)}\n`)
    io.stdout(`  tiers: ${tiers.source} (${tiers.snapshotDate}); settings: ${settingsFrom}\n`)
    for (const n of settings.notes) io.stdout(`  ${n}\n`)
    if (result.unmodelled.length)
      io.stdout(`  not modelled (spot, or no tiers): ${result.unmodelled.join(', ')}\n`)
    if (withOi.length === 0)
      io.stdout('  no market has open interest: the model needs open interest; this session has none\n')
    if (bars.markets.length > 0) printBarCheck(bars, barOpts, io)
    if (result.markets.length === 0) {
      if (bars.markets.length === 0)
        io.stdout(
          '  this session holds no realized liquidations (no liquidation events): there is nothing to check the estimate against\n',
        )
      for (const [k, s] of result.states) if (s.prevOi !== null) printMapSummary(k, s, io)
      return 0
    }
    for (const m of result.markets) printMarket(m, opts, io)
    return 0
  },
}
