import type { LiquidationEvent, MarketEvent, PositionSide } from '../market-event'
import { marketKey } from '../market-event'
import type { BarAccumulator } from './bar-accumulator'
import { accumulate, barRange, barTimeOf, emptyBar, entryPrice, takerBuyShare, wick } from './bar-accumulator'
import type { HeatmapConfig, HeatmapConfigInput } from './heatmap-config'
import { resolveHeatmapConfig } from './heatmap-config'
import type { HistoryLog } from './history-log'
import { closeColumn, createHistory, noteChange } from './history-log'
import type { LeveragePlan } from './leverage-plan'
import { planLeverage } from './leverage-plan'
import type { PriceGrid } from './price-grid'
import { createGrid, LAYERS, layerOf, rawCell, scaleGrid, SIDE_LONG, SIDE_SHORT, sweep } from './price-grid'
import { addTriangular } from './price-spread'

/** A realized liquidation from the venue's stream, kept beside the estimate and never mixed into it. */
export interface RealizedLiquidation {
  tsMs: number
  price: number
  usd: number
  positionSide: PositionSide
}

export interface HeatmapStats {
  bars: number
  barsWithOi: number
  /** How each bar's new notional was split: taker-volume stream, trade aggressor sides, or 50/50. */
  splitFromTakerVolume: number
  splitFromTrades: number
  splitEven: number
  placedUsd: number
  /** Rising OI that could not be placed (no price yet, ATR warm-up, no liquidation price). */
  unplacedUsd: number
  sweptLongUsd: number
  sweptShortUsd: number
  shrinkBars: number
}

export interface HeatmapState {
  key: string | null
  cfg: HeatmapConfig
  plan: LeveragePlan
  barMs: number | null
  grid: PriceGrid | null
  history: HistoryLog
  bar: BarAccumulator | null
  lastClosedStartMs: number | null
  prevOi: { base: number | null; usd: number | null } | null
  lastPrice: number | null
  lastPriceTsMs: number | null
  /** The mark price at the end of the last closed bar when that bar had marks (see referencePrice). */
  lastMark?: number | null
  atr: { trSum: number; bars: number; prevClose: number | null }
  stats: HeatmapStats
  realized: RealizedLiquidation[]
  realizedDropped: number
  /** The bar's trade range before the latest trade, to take back if that trade was a forced fill. */
  lastTrade?: TradeMark | null
}

/**
 * A trade and where the bar's trade range stood before it. Binance prints its liquidation engine's orders
 * (INSURANCE_FUND) and auto-deleveraging fills (ADL) on the tape; the importers emit such a fill as a trade
 * followed at once by a liquidation event of the same time, price and quantity. Those prices are the
 * bankrupt positions', not the market's: the bar's wick must not reach them (it would sweep the map).
 */
interface TradeMark {
  tsMs: number
  price: number
  qtyBase: number
  buy: boolean
  startMs: number
  high: number
  low: number
  last: number | null
}

/** A mark to be overwritten; its numbers start as NaN so the engine keeps them as plain doubles. */
function blankTradeMark(): TradeMark {
  return { tsMs: NaN, price: NaN, qtyBase: NaN, buy: false, startMs: NaN, high: NaN, low: NaN, last: null }
}

const MAX_REALIZED = 10_000
const DEFAULT_LIVE_BAR_MS = 60_000

export function createHeatmapState(config: HeatmapConfigInput): HeatmapState {
  const cfg = resolveHeatmapConfig(config)
  return {
    key: null,
    cfg,
    plan: planLeverage(cfg),
    barMs: cfg.barSec === 'auto' ? null : cfg.barSec * 1000,
    grid: null,
    history: createHistory(),
    bar: null,
    lastClosedStartMs: null,
    prevOi: null,
    lastPrice: null,
    lastPriceTsMs: null,
    atr: { trSum: 0, bars: 0, prevClose: null },
    stats: {
      bars: 0,
      barsWithOi: 0,
      splitFromTakerVolume: 0,
      splitFromTrades: 0,
      splitEven: 0,
      placedUsd: 0,
      unplacedUsd: 0,
      sweptLongUsd: 0,
      sweptShortUsd: 0,
      shrinkBars: 0,
    },
    realized: [],
    realizedDropped: 0,
  }
}

/**
 * The one price every distance is measured from: the mark price where the latest closed bar had one (the
 * price liquidations are judged by), else the last traded price. The radar, panel, scenarios and CLI all
 * read this, so the same cluster shows the same distance everywhere.
 */
export function referencePrice(state: HeatmapState): number | null {
  return state.lastMark ?? state.lastPrice
}

/** 'auto' bars take the data's own period; a stream that carries none (trades, marks) means live 1-minute bars. */
function resolveBarMs(state: HeatmapState, e: MarketEvent): number | null {
  if (state.barMs !== null) return state.barMs
  if (e.type === 'candle') state.barMs = e.intervalSec * 1000
  else if (e.type === 'takerVolume') state.barMs = e.periodMinutes * 60_000
  else if (e.type === 'trade' || e.type === 'mark') state.barMs = DEFAULT_LIVE_BAR_MS
  return state.barMs
}

/** Feeds one event of this market. Bars close when an event of a later bar arrives. */
export function applyHeatmapEvent(state: HeatmapState, e: MarketEvent): void {
  state.key ??= marketKey(e.venue, e.symbol)
  if (e.type === 'liquidation') {
    takeBackForcedFill(state, e)
    return keepRealized(state, e)
  }
  const barMs = resolveBarMs(state, e)
  if (barMs === null) {
    // Open interest before the bar length is known: it becomes the baseline for the first delta.
    if (e.type === 'openInterest' && (e.oiBase !== null || e.oiUsd !== null))
      state.prevOi = { base: e.oiBase, usd: e.oiUsd }
    return
  }
  const ts = barTimeOf(e)
  const open = state.bar
  let start: number
  // Most events fall in the open bar: bars start on multiples of barMs after the last closed one, so its
  // start is what the rule below would give, without the division.
  if (open !== null && ts >= open.startMs && ts - open.startMs < barMs) start = open.startMs
  else {
    start = Math.floor(ts / barMs) * barMs
    // Never reopen a closed bar: an event that comes after its bar was closed counts in the next one.
    if (state.lastClosedStartMs !== null) start = Math.max(start, state.lastClosedStartMs + barMs)
  }
  if (state.bar === null) state.bar = emptyBar(start)
  else if (start > state.bar.startMs) {
    closeBar(state)
    state.bar = emptyBar(start)
  }
  const b = state.bar
  if (e.type === 'trade') {
    // One mark per market, rewritten in place: a trade allocates nothing (the checkpoint copies it).
    const t = (state.lastTrade ??= blankTradeMark())
    t.tsMs = e.exchangeTsMs
    t.price = e.price
    t.qtyBase = e.qtyBase
    t.buy = e.takerSide === 'buy'
    t.startMs = b.startMs
    t.high = b.tradeHigh
    t.low = b.tradeLow
    t.last = b.tradeLast
  }
  // A late event of an already closed bar still counts, in the open bar.
  accumulate(b, e)
}

/** A liquidation printed as the trade just before it: that trade leaves the bar's range and VWAP. */
function takeBackForcedFill(state: HeatmapState, e: LiquidationEvent): void {
  const t = state.lastTrade
  const b = state.bar
  if (!t || !b || t.startMs !== b.startMs) return
  if (t.tsMs !== e.exchangeTsMs || t.price !== e.price || t.qtyBase !== e.qtyBase) return
  b.tradeHigh = t.high
  b.tradeLow = t.low
  b.tradeLast = t.last
  // Nor does it open positions: out of the VWAP entry and the aggressor split too.
  b.tradeUsd -= t.price * t.qtyBase
  b.tradeBase -= t.qtyBase
  if (t.buy) b.tradeBuyBase -= t.qtyBase
  else b.tradeSellBase -= t.qtyBase
  state.lastTrade = null
}

/**
 * Closes the open bar once `nowMs` is past its end (strictly: a reading stamped on the boundary still
 * belongs to it). For a live clock with no events, and before judging anything against the map.
 */
export function advanceHeatmapClock(state: HeatmapState, nowMs: number): void {
  if (state.bar !== null && state.barMs !== null && nowMs > state.bar.startMs + state.barMs)
    flushHeatmapBar(state)
}

/** Closes the open bar now (end of a session). */
export function flushHeatmapBar(state: HeatmapState): void {
  if (state.bar === null) return
  closeBar(state)
  state.bar = null
}

function keepRealized(state: HeatmapState, e: LiquidationEvent): void {
  state.realized.push({ tsMs: e.exchangeTsMs, price: e.price, usd: e.usd, positionSide: e.positionSide })
  if (state.realized.length > MAX_REALIZED) {
    state.realized.shift()
    state.realizedDropped++
  }
}

function ensureGrid(state: HeatmapState, b: BarAccumulator, price: number | null): PriceGrid | null {
  if (state.grid || price === null) return state.grid
  const cell = state.cfg.cell
  if (cell.kind === 'pct') {
    state.grid = createGrid(cell.fraction * price, price)
    return state.grid
  }
  // ATR sizing: the first `bars` bars measure the true range; the cell size is fixed from them.
  const r = barRange(b)
  if (r) {
    const pc = state.atr.prevClose
    state.atr.trSum +=
      pc === null ? r.high - r.low : Math.max(r.high - r.low, Math.abs(r.high - pc), Math.abs(r.low - pc))
    state.atr.bars++
    state.atr.prevClose = r.close
  }
  if (state.atr.bars >= cell.bars && state.atr.trSum > 0)
    state.grid = createGrid((cell.multiple * state.atr.trSum) / state.atr.bars, price)
  return state.grid
}

function closeBar(state: HeatmapState): void {
  const b = state.bar as BarAccumulator
  const st = state.stats
  const barMs = state.barMs as number
  st.bars++
  const entry = entryPrice(b) ?? state.lastPrice
  const grid = ensureGrid(state, b, entry)
  let renormalized = false
  if (grid) {
    const elapsedMs = state.lastClosedStartMs === null ? barMs : b.startMs - state.lastClosedStartMs
    renormalized = scaleGrid(grid, Math.pow(2, -elapsedMs / 1000 / state.cfg.decayHalfLifeSec))
    const w = wick(b)
    if (w) {
      const log = (layer: number, cell: number): void => noteChange(state.history, layer, cell, 0)
      st.sweptLongUsd += sweep(grid, SIDE_LONG, w.low, log)
      st.sweptShortUsd += sweep(grid, SIDE_SHORT, w.high, log)
    }
  }
  if (b.oiBase !== null || b.oiUsd !== null) {
    st.barsWithOi++
    const prev = state.prevOi
    // A reading in USD alone (history files, some venues) is turned into contracts at the bar's close, when
    // it was read, so the delta counts positions opened or closed, not the revaluation of the old ones.
    const closeNow = barRange(b)?.close ?? entry
    const base = b.oiBase ?? (b.oiUsd !== null && closeNow !== null ? b.oiUsd / closeNow : null)
    const cur = { base, usd: b.oiUsd }
    if (prev && entry !== null) {
      // Contracts (base) times the bar's price, where both readings have them: a USD reading alone also
      // moves with the price when no position opened or closed.
      const byBase = prev.base !== null && cur.base !== null && prev.base > 0
      const byUsd = prev.usd !== null && cur.usd !== null && prev.usd > 0
      const dUsd = byBase ? (cur.base! - prev.base!) * entry : byUsd ? cur.usd! - prev.usd! : 0
      const ratio = byBase ? cur.base! / prev.base! : byUsd ? cur.usd! / prev.usd! : 1
      if (dUsd > 0) {
        if (grid) placeNewPositions(state, grid, b, entry, dUsd)
        else st.unplacedUsd += dUsd
      } else if (dUsd < 0 && grid) {
        renormalized = scaleGrid(grid, Math.max(0, ratio)) || renormalized
        st.shrinkBars++
      }
    }
    state.prevOi = cur
  }
  const close = barRange(b)?.close ?? entry
  if (close !== null) {
    state.lastPrice = close
    state.lastPriceTsMs = b.startMs + barMs
  }
  state.lastMark = b.markLast
  state.lastClosedStartMs = b.startMs
  if (grid)
    closeColumn(
      state.history,
      grid,
      b.startMs,
      state.cfg.snapshotEveryBars,
      state.cfg.historyBars,
      renormalized,
    )
}

/** Scratch list of the cells a bar's placement touched (reused: one bar is placed at a time). */
const TOUCHED: number[] = []

function placeNewPositions(
  state: HeatmapState,
  grid: PriceGrid,
  b: BarAccumulator,
  entry: number,
  dUsd: number,
): void {
  const st = state.stats
  let longShare = takerBuyShare(b)
  if (longShare === null) {
    longShare = 0.5
    st.splitEven++
  } else if (b.takerBuyBase !== null) st.splitFromTakerVolume++
  else st.splitFromTrades++
  // Entries spread over the bar's range with the mode at the VWAP (clamped into the range), or one point.
  const w = state.cfg.priceSpread === 'triangular' ? wick(b) : null
  const lo = w ? Math.min(w.low, entry) : entry
  const hi = w ? Math.max(w.high, entry) : entry
  const touched = TOUCHED
  touched.length = 0
  for (let side = SIDE_LONG; side <= SIDE_SHORT; side++) {
    const sideUsd = dUsd * (side === SIDE_LONG ? longShare : 1 - longShare)
    for (const level of state.plan.levels) {
      const layer = layerOf(side, level.group)
      for (const node of level.nodes) {
        const usd = sideUsd * level.weight * node.share
        if (usd <= 0) continue
        const k = side === SIDE_LONG ? node.longFactor : node.shortFactor
        if (k === null) {
          st.unplacedUsd += usd
          continue
        }
        addTriangular(grid, layer, lo * k, entry * k, hi * k, usd, touched)
        st.placedUsd += usd
      }
    }
  }
  // One history record per changed cell, with its value after the whole bar (a typed array sorts numbers
  // natively, several times faster than a comparator).
  const codes = Float64Array.from(touched).sort()
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k]!
    if (k > 0 && code === codes[k - 1]) continue
    const layer = code % LAYERS
    const cell = (code - layer) / LAYERS
    noteChange(state.history, layer, cell, rawCell(grid, layer, cell))
  }
}
