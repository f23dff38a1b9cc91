import { resolve } from 'node:path'
import type { HeatmapCheckOptions, MarketCheck } from '../../../shared/heatmap/heatmap-check'
import { DEFAULT_CHECK_OPTIONS, runHeatmapCheck } from '../../../shared/heatmap/heatmap-check'
import { DEFAULT_SPREAD } from '../../../shared/heatmap/heatmap-config'
import { liquidationProximity } from '../../../shared/heatmap/heatmap-query'
import type { HeatmapState } from '../../../shared/heatmap/heatmap-state'
import { createHeatmapState, flushHeatmapBar } from '../../../shared/heatmap/heatmap-state'
import { isPerpSymbol, parseMarketKey } from '../../../shared/market-event'
import type { ParsedTiersSnapshot } from '../../../shared/sizing/tiers-snapshot'
import { SessionReader } from '../../engine/sessions/session-reader'
import { loadBundledTiers, loadTiersSnapshotFile } from '../../engine/sizing/bundled-tiers'
import { numberOption, stringOption, UsageError } from '../args'
import type { Command, CommandIo } from '../command'
import { formatSpan } from './session-cli-format'

const usd = (v: number): string => `${Math.round(v).toLocaleString('en-US')} USD`
const pct = (v: number | null, digits = 1): string => (v === null ? '—' : `${(v * 100).toFixed(digits)} %`)

function option(
  args: Parameters<Command['run']>[0],
  name: string,
  fallback: number,
  ok: (v: number) => boolean,
) {
  const v = numberOption(args, name) ?? fallback
  if (!ok(v)) throw new UsageError(`--${name} ${v} is out of range`)
  return v
}

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

function printMapSummary(key: string, s: HeatmapState, io: CommandIo): void {
  const p = liquidationProximity(s)
  if (!p) {
    io.stdout(`  ${key}: no estimated map (${s.prevOi === null ? 'no open interest' : 'no price'})\n`)
    return
  }
  const d = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} %`)
  io.stdout(
    `  ${key}: price ${s.lastPrice}; nearest cluster above ${d(p.nearestAbovePct)}, below ${d(p.nearestBelowPct)}; ` +
      `±1 % ${usd(p.within1PctUsd)}, ±2 % ${usd(p.within2PctUsd)}\n`,
  )
}

export const heatmapCheckCommand: Command = {
  name: 'heatmap-check',
  summary: 'score the estimated liquidation map against the realized liquidations of a session',
  help: `Usage: radar heatmap-check <session.radar> [--range-pct 5] [--dense-share 0.2] [--top 5] [--hit-pct 0.5] [--json]

Replays the session through the liquidation heatmap model and scores every realized liquidation against
the map as it stood before it (same side, no look-ahead):
  lift      USD that fell in dense cells / what a uniform map over ±range-pct would have caught
  hit rate  liquidations within ±hit-pct of one of the top-N clusters, beside uniform prices
A session without realized liquidations (or without open interest) is said to be so.

Options:
  --range-pct <p>    price range around the price that is scored (default 5)
  --dense-share <f>  share of filled cells counted as dense (default 0.2)
  --top <n>          clusters per side for the hit rate (default 5)
  --hit-pct <p>      distance from a cluster that counts as a hit (default 0.5)
  --tiers-file <f>   leverage tiers snapshot (default: the bundled Binance USDⓈ-M snapshot)
  --price-spread <s> triangular (default) or point: new positions over the bar's range, or at its VWAP
  --leverage-spread <f>  relative spread of each leverage's margin fraction (default ${DEFAULT_SPREAD.leverageSpread})
  --json             print the figures as JSON

Example:
  radar heatmap-check resources/samples/binance-futures-metrics-2024-05-09-week.radar`,
  flags: ['json'],
  async run(args, io) {
    const [path] = args.positionals
    if (!path) throw new UsageError('name a session file')
    const opts: HeatmapCheckOptions = {
      rangePct: option(args, 'range-pct', DEFAULT_CHECK_OPTIONS.rangePct, (v) => v > 0 && v < 100),
      denseShare: option(args, 'dense-share', DEFAULT_CHECK_OPTIONS.denseShare, (v) => v > 0 && v <= 1),
      topN: option(args, 'top', DEFAULT_CHECK_OPTIONS.topN, (v) => Number.isInteger(v) && v >= 1),
      hitPct: option(args, 'hit-pct', DEFAULT_CHECK_OPTIONS.hitPct, (v) => v > 0 && v < 100),
    }
    const priceSpread = stringOption(args, 'price-spread') ?? DEFAULT_SPREAD.priceSpread
    if (priceSpread !== 'triangular' && priceSpread !== 'point')
      throw new UsageError(`--price-spread ${priceSpread}: use triangular or point`)
    const leverageSpread = option(
      args,
      'leverage-spread',
      DEFAULT_SPREAD.leverageSpread,
      (v) => v >= 0 && v < 1,
    )
    const tiersFile = stringOption(args, 'tiers-file')
    const tiers: ParsedTiersSnapshot = tiersFile
      ? loadTiersSnapshotFile(resolve(tiersFile))
      : loadBundledTiers()
    const reader = SessionReader.open(resolve(path))
    const makeState = (key: string): HeatmapState | null => {
      const { venue, symbol } = parseMarketKey(key)
      const market = venue === tiers.venue && isPerpSymbol(symbol) ? tiers.markets.get(symbol) : undefined
      return market
        ? createHeatmapState({ tiers: market.tiers, barSec: 'auto', priceSpread, leverageSpread })
        : null
    }
    let result: ReturnType<typeof runHeatmapCheck>
    try {
      result = runHeatmapCheck(reader.events(), makeState, opts)
    } finally {
      reader.close()
    }
    for (const s of result.states.values()) flushHeatmapBar(s)
    const withOi = [...result.states].filter(([, s]) => s.prevOi !== null).map(([k]) => k)
    if (args.options.has('json')) {
      io.stdout(
        `${JSON.stringify({ session: reader.metadata.label, options: opts, withOpenInterest: withOi, markets: result.markets }, null, 2)}\n`,
      )
      return 0
    }
    const span = reader.span
    io.stdout(`${reader.metadata.label}\n  ${formatSpan(span.startTsMs, span.endTsMs)}\n`)
    io.stdout(`  tiers: ${tiers.source} (${tiers.snapshotDate})\n`)
    if (result.unmodelled.length)
      io.stdout(`  not modelled (spot, or no tiers): ${result.unmodelled.join(', ')}\n`)
    if (withOi.length === 0)
      io.stdout('  no market has open interest: the model needs open interest; this session has none\n')
    if (result.markets.length === 0) {
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
