import type { LiquidationBarEvent, MarketEvent } from '../market-event'
import { barTimeOf } from './bar-accumulator'
import { sideUsdBetween } from './heatmap-query'
import { flushHeatmapBar } from './heatmap-state'
import type { MapFeed } from './map-feed'
import { SIDE_LONG, SIDE_SHORT } from './price-grid'
import type { Interval } from './rank-stats'
import { blockBootstrap, spearman } from './rank-stats'

/**
 * The map checked against realized liquidation totals per bar (history sources publish totals, not single
 * orders). For each bar, the map as it stood at the bar's open (every earlier bar closed, nothing of this
 * bar seen) is queried over the exact range the bar travelled: longs whose level lies between the low and
 * the open, shorts between the open and the high. Spearman's ρ of that estimate against the realized totals
 * is set beside two baselines from the same bars: the move alone (|open → low| for longs, |open → high| for
 * shorts) and the move × open interest at the open. Intervals: day-block bootstrap.
 */
export interface BarCheckOptions {
  /** Bars at the start left unscored while the map fills (they still build it). */
  warmupBars: number
  /** The "big move" subset: bars whose move on the side is at least this, percent. */
  bigMovePct: number
  draws: number
  seed: number
}

export const DEFAULT_BAR_CHECK: BarCheckOptions = { warmupBars: 168, bigMovePct: 1, draws: 1000, seed: 1 }

export interface BarRow {
  openTsMs: number
  longMapUsd: number
  shortMapUsd: number
  longRealUsd: number
  shortRealUsd: number
  /** (open − low) / open and (high − open) / open, fractions. */
  downMove: number
  upMove: number
  oiUsdAtOpen: number
}

export interface BarRows {
  rows: BarRow[]
  /** Liquidation bars not scored, by reason. */
  skipped: Record<string, number>
  barMs: number | null
}

const SKIP_NO_PRICE = 'no price bar (candle) for the liquidation bar'
const SKIP_NO_MAP = 'no map yet: no open interest or price before this bar'
const SKIP_WARMUP = 'warm-up: the map is still filling'

/**
 * Replays one market's events through the feed (the scoring pipeline), querying the market's map at each
 * liquidation bar's open: the bar's events (its realized totals too) are pushed only after the query.
 */
export function collectBarRows(
  events: Iterable<MarketEvent>,
  feed: MapFeed,
  key: string,
  opts: Pick<BarCheckOptions, 'warmupBars'> = DEFAULT_BAR_CHECK,
): BarRows {
  const rows: BarRow[] = []
  const skipped: Record<string, number> = {}
  const skip = (why: string): void => void (skipped[why] = (skipped[why] ?? 0) + 1)
  let barMs: number | null = null
  let groupStart: number | null = null
  let group: MarketEvent[] = []
  let seenBars = 0
  const process = (): void => {
    const state = feed.state(key)
    // Every earlier bar closed, nothing of this one seen: the map at the bar's open.
    if (state) flushHeatmapBar(state)
    const liq = group.find((e): e is LiquidationBarEvent => e.type === 'liquidationBar')
    if (liq) {
      const candle = group.find((e) => e.type === 'candle' && e.priceKind === 'last')
      const g = state?.grid ?? null
      const oi = state?.prevOi ?? null
      const oiUsd = oi
        ? (oi.usd ?? (oi.base !== null && state!.lastPrice !== null ? oi.base * state!.lastPrice : null))
        : null
      if (!candle || candle.type !== 'candle') skip(SKIP_NO_PRICE)
      else if (!g || oiUsd === null) skip(SKIP_NO_MAP)
      else if (seenBars < opts.warmupBars) skip(SKIP_WARMUP)
      else
        rows.push({
          openTsMs: liq.openTsMs,
          longMapUsd: sideUsdBetween(g, SIDE_LONG, [0, 1], candle.low, candle.open),
          shortMapUsd: sideUsdBetween(g, SIDE_SHORT, [0, 1], candle.open, candle.high),
          longRealUsd: liq.longUsd,
          shortRealUsd: liq.shortUsd,
          downMove: (candle.open - candle.low) / candle.open,
          upMove: (candle.high - candle.open) / candle.open,
          oiUsdAtOpen: oiUsd,
        })
    }
    seenBars++
    feed.push(group)
    group = []
  }
  for (const e of events) {
    if (barMs === null) {
      if (e.type === 'liquidationBar' || e.type === 'candle') barMs = e.intervalSec * 1000
      else {
        feed.push([e])
        continue
      }
    }
    const t = e.type === 'liquidationBar' ? e.openTsMs : barTimeOf(e)
    const start = Math.floor(t / barMs) * barMs
    if (groupStart === null) groupStart = start
    if (start > groupStart) {
      process()
      groupStart = start
    }
    // A late event of an earlier bar joins the open group (the model counts it in the open bar too).
    group.push(e)
  }
  if (group.length > 0) process()
  return { rows, skipped, barMs }
}

export interface SideScore {
  bars: number
  /** Share of bars where the map held any USD inside the bar's range. */
  mapNonZeroShare: number
  rhoMap: number | null
  rhoMove: number | null
  rhoMoveOi: number | null
  ci: {
    map: Interval | null
    move: Interval | null
    moveOi: Interval | null
    mapMinusMove: Interval | null
    mapMinusMoveOi: Interval | null
  }
  big: { bars: number; rhoMap: number | null; rhoMoveOi: number | null; mapMinusMoveOi: Interval | null }
}

export interface BarCheckResult {
  bars: number
  skipped: Record<string, number>
  long: SideScore
  short: SideScore
}

const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b)

export function scoreSide(rows: readonly BarRow[], side: 'long' | 'short', opts: BarCheckOptions): SideScore {
  const map = rows.map((r) => (side === 'long' ? r.longMapUsd : r.shortMapUsd))
  const real = rows.map((r) => (side === 'long' ? r.longRealUsd : r.shortRealUsd))
  const move = rows.map((r) => (side === 'long' ? r.downMove : r.upMove))
  const moveOi = rows.map((r, i) => move[i]! * r.oiUsdAtOpen)
  const big = move.map((m) => m * 100 >= opts.bigMovePct)
  const pick = (xs: readonly number[], idx: readonly number[]): number[] => idx.map((i) => xs[i]!)
  const stats = (idx: number[]): (number | null)[] => {
    const r = pick(real, idx)
    const m = spearman(pick(map, idx), r)
    const mv = spearman(pick(move, idx), r)
    const mo = spearman(pick(moveOi, idx), r)
    const bi = idx.filter((i) => big[i])
    const br = pick(real, bi)
    const bm = spearman(pick(map, bi), br)
    const bo = spearman(pick(moveOi, bi), br)
    return [m, mv, mo, diff(m, mv), diff(m, mo), bm, bo, diff(bm, bo)]
  }
  const all = rows.map((_, i) => i)
  const point = stats(all)
  const byDay = new Map<number, number[]>()
  rows.forEach((r, i) => {
    const d = Math.floor(r.openTsMs / 86_400_000)
    const list = byDay.get(d)
    if (list) list.push(i)
    else byDay.set(d, [i])
  })
  const ci = rows.length >= 3 ? blockBootstrap([...byDay.values()], stats, opts.draws, opts.seed) : []
  return {
    bars: rows.length,
    mapNonZeroShare: rows.length > 0 ? map.filter((v) => v > 0).length / rows.length : 0,
    rhoMap: point[0]!,
    rhoMove: point[1]!,
    rhoMoveOi: point[2]!,
    ci: {
      map: ci[0] ?? null,
      move: ci[1] ?? null,
      moveOi: ci[2] ?? null,
      mapMinusMove: ci[3] ?? null,
      mapMinusMoveOi: ci[4] ?? null,
    },
    big: {
      bars: big.filter(Boolean).length,
      rhoMap: point[5]!,
      rhoMoveOi: point[6]!,
      mapMinusMoveOi: ci[7] ?? null,
    },
  }
}

export function scoreBarRows(r: BarRows, opts: BarCheckOptions = DEFAULT_BAR_CHECK): BarCheckResult {
  return {
    bars: r.rows.length,
    skipped: r.skipped,
    long: scoreSide(r.rows, 'long', opts),
    short: scoreSide(r.rows, 'short', opts),
  }
}
