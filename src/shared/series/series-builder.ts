import type { MarketEvent, MarketKey } from '../market-event'
import { marketKey } from '../market-event'
import type { MarketSnapshot } from '../scoring/snapshot'
import type { Bar, LiquidationMarker, MarketSeries, SeriesPoint, SeriesUpdate } from '../contract/series'
import { SERIES_LINES, type SeriesLineId } from '../contract/series-lines'

/** Bars kept per market: 7 days of 1-minute bars (or 35 days of 5-minute bars). */
export const MAX_BARS = 10_080
const MAX_LIQUIDATIONS = 5_000
const TRADE_BAR_SEC = 60

/** Where each chart line reads its value in a snapshot. */
const LINE_SOURCES: Record<SeriesLineId, (s: MarketSnapshot) => number | null> = {
  fundingApr: (s) => s.metrics['funding-apr']?.value ?? null,
  fundingPercentile: (s) => s.metrics['funding-percentile']?.value ?? null,
  oiUsd: (s) => s.metrics['oi-usd']?.value ?? null,
  oiQuadrant: (s) => QUADRANT_CODES[s.labels['oi-quadrant'] ?? ''] ?? null,
  basisBps: (s) => s.metrics['basis-bps']?.value ?? null,
  basisZ: (s) => s.metrics['basis-z']?.value ?? null,
  vpin: (s) => s.metrics['vpin']?.value ?? null,
  stress: (s) => s.stress,
}

/** Codes of the scoring engine's `oi-quadrant` labels, for a numeric chart line. */
const QUADRANT_CODES: Record<string, number> = {
  'new longs': 1,
  'new shorts': 2,
  'short covering': 3,
  'long liquidation': 4,
}

interface MarketSeriesState {
  /** 'trades' once a trade was seen (1-minute bars); until then bars come from candle events. */
  barSource: 'trades' | 'candles' | null
  resolutionSec: number
  bars: Bar[]
  lines: Partial<Record<SeriesLineId, SeriesPoint[]>>
  liquidations: LiquidationMarker[]
  changedBars: Set<number>
  changedLines: Partial<Record<SeriesLineId, boolean>>
  newLiquidations: LiquidationMarker[]
  /**
   * Taker buy + sell volume (base units) by period start (s) with the period's length, for candle sources that
   * carry no volume (Binance futures-data bars): every trade has one taker, so the two sides sum to the
   * bar's volume. Optional: checkpoints taken before it existed restore without it.
   */
  takerVol?: Map<number, { base: number; periodSec: number }>
  /**
   * The latest trade and its bar's prices before it. A liquidation of the same time, price and size right
   * after it means the trade was the venue's forced fill (Binance INSURANCE_FUND / ADL prints): its price is
   * taken back out of the candle, which would otherwise show the bankrupt positions' price as a wick.
   */
  lastTrade?: {
    tsMs: number
    price: number
    qtyBase: number
    bar: Bar
    high: number
    low: number
    close: number
  }
}

/** Taker periods kept waiting for their candle (a few bars' worth; live candles come from trades anyway). */
const MAX_PENDING_TAKER = 64

/** Per-market chart series built incrementally from events and snapshots; plain data, structured-clone safe. */
export interface SeriesState {
  markets: Map<MarketKey, MarketSeriesState>
}

export function createSeriesState(): SeriesState {
  return { markets: new Map() }
}

function marketOf(state: SeriesState, key: MarketKey): MarketSeriesState {
  let m = state.markets.get(key)
  if (!m) {
    m = {
      barSource: null,
      resolutionSec: TRADE_BAR_SEC,
      bars: [],
      lines: {},
      liquidations: [],
      changedBars: new Set(),
      changedLines: {},
      newLiquidations: [],
    }
    state.markets.set(key, m)
  }
  return m
}

/** Finds or appends the bar starting at timeSec; bars arrive in time order, so this looks at the tail only. */
function barAt(m: MarketSeriesState, timeSec: number, price: number): Bar | null {
  const last = m.bars[m.bars.length - 1]
  if (last && last.timeSec === timeSec) return last
  if (last && timeSec < last.timeSec) return null // late data for a closed bar: not redrawn
  const bar: Bar = { timeSec, open: price, high: price, low: price, close: price, volumeBase: 0 }
  m.bars.push(bar)
  if (m.bars.length > MAX_BARS) m.bars.splice(0, m.bars.length - MAX_BARS)
  return bar
}

/**
 * Sets a volume-less candle's volume from the taker periods that exactly tile it; leaves it null when they do
 * not (a period missing, or periods longer than the bar): partial is not the bar's volume.
 */
function fillFromTaker(m: MarketSeriesState, bar: Bar, intervalSec: number): void {
  let base = 0
  let coveredSec = 0
  for (const [openSec, v] of m.takerVol ?? []) {
    if (openSec >= bar.timeSec && openSec + v.periodSec <= bar.timeSec + intervalSec) {
      base += v.base
      coveredSec += v.periodSec
    }
  }
  if (coveredSec !== intervalSec) return
  bar.volumeBase = base
  bar.volumeFrom = 'taker'
  // Periods before this bar can no longer be used (bars arrive in time order).
  for (const openSec of m.takerVol!.keys()) if (openSec < bar.timeSec) m.takerVol!.delete(openSec)
}

export function observeEvents(state: SeriesState, events: readonly MarketEvent[]): void {
  for (const ev of events) {
    if (ev.type === 'trade') {
      const m = marketOf(state, marketKey(ev.venue, ev.symbol))
      if (m.barSource !== 'trades') {
        // Ticks beat bars: once trades flow, 1-minute bars are built from them.
        m.barSource = 'trades'
        m.resolutionSec = TRADE_BAR_SEC
        m.bars = []
      }
      const t = Math.floor(ev.exchangeTsMs / 1000 / TRADE_BAR_SEC) * TRADE_BAR_SEC
      const bar = barAt(m, t, ev.price)
      if (!bar) continue
      const { high, low, close } = bar
      m.lastTrade = { tsMs: ev.exchangeTsMs, price: ev.price, qtyBase: ev.qtyBase, bar, high, low, close }
      bar.high = Math.max(bar.high, ev.price)
      bar.low = Math.min(bar.low, ev.price)
      bar.close = ev.price
      bar.volumeBase = (bar.volumeBase ?? 0) + ev.qtyBase
      m.changedBars.add(t)
    } else if (ev.type === 'candle' && ev.priceKind === 'last') {
      const m = marketOf(state, marketKey(ev.venue, ev.symbol))
      if (m.barSource === 'trades') continue
      m.barSource = 'candles'
      m.resolutionSec = ev.intervalSec
      const t = Math.floor(ev.openTsMs / 1000)
      const bar = barAt(m, t, ev.open)
      if (!bar) continue
      Object.assign(bar, {
        open: ev.open,
        high: ev.high,
        low: ev.low,
        close: ev.close,
        volumeBase: ev.volumeBase,
      })
      if (ev.volumeBase === null) fillFromTaker(m, bar, ev.intervalSec)
      else delete bar.volumeFrom
      m.changedBars.add(t)
    } else if (ev.type === 'takerVolume') {
      // Only both sides make a bar's volume: one side alone is partial, not the volume.
      if (ev.buyVolBase === null || ev.sellVolBase === null) continue
      const m = marketOf(state, marketKey(ev.venue, ev.symbol))
      if (m.barSource === 'trades') continue
      const periodSec = ev.periodMinutes * 60
      const openSec = Math.floor(ev.exchangeTsMs / 1000 / periodSec) * periodSec
      const pending = (m.takerVol ??= new Map())
      pending.set(openSec, { base: ev.buyVolBase + ev.sellVolBase, periodSec })
      if (pending.size > MAX_PENDING_TAKER) pending.delete(pending.keys().next().value!)
      // A candle already drawn without volume gets it now (live polling brings the taker row after the bar).
      const barOpen = Math.floor(openSec / m.resolutionSec) * m.resolutionSec
      const bar = m.bars[m.bars.length - 1]?.timeSec === barOpen ? m.bars[m.bars.length - 1] : undefined
      if (bar && (bar.volumeBase === null || bar.volumeFrom === 'taker')) {
        fillFromTaker(m, bar, m.resolutionSec)
        m.changedBars.add(bar.timeSec)
      }
    } else if (ev.type === 'liquidation') {
      const m = marketOf(state, marketKey(ev.venue, ev.symbol))
      const f = m.lastTrade
      if (f && f.tsMs === ev.exchangeTsMs && f.price === ev.price && f.qtyBase === ev.qtyBase) {
        // A bar the forced fill opened keeps its price: there is nothing before it to go back to.
        f.bar.high = f.high
        f.bar.low = f.low
        f.bar.close = f.close
        m.lastTrade = undefined
      }
      const marker = {
        timeSec: Math.floor(ev.exchangeTsMs / 1000),
        positionSide: ev.positionSide,
        price: ev.price,
        usd: ev.usd,
      }
      m.liquidations.push(marker)
      m.newLiquidations.push(marker)
      if (m.liquidations.length > MAX_LIQUIDATIONS)
        m.liquidations.splice(0, m.liquidations.length - MAX_LIQUIDATIONS)
    }
  }
}

/** Records each chart line's value at the snapshot's bar (the last value within a bar wins). */
export function observeSnapshot(state: SeriesState, snap: MarketSnapshot): void {
  if (snap.asOfMs === null) return
  const m = marketOf(state, snap.key)
  const t = Math.floor(snap.asOfMs / 1000 / m.resolutionSec) * m.resolutionSec
  for (const id of SERIES_LINES) {
    const value = LINE_SOURCES[id](snap)
    if (value === null || !Number.isFinite(value)) continue
    const points = (m.lines[id] ??= [])
    const last = points[points.length - 1]
    if (last && last.timeSec === t) last.value = value
    else if (!last || t > last.timeSec) {
      points.push({ timeSec: t, value })
      if (points.length > MAX_BARS) points.splice(0, points.length - MAX_BARS)
    } else continue
    m.changedLines[id] = true
  }
}

export function fullSeries(state: SeriesState, key: MarketKey): MarketSeries {
  const m = state.markets.get(key)
  if (!m) return { key, resolutionSec: TRADE_BAR_SEC, bars: [], lines: {}, liquidations: [] }
  return {
    key,
    resolutionSec: m.resolutionSec,
    bars: m.bars.map((b) => ({ ...b })),
    lines: Object.fromEntries(Object.entries(m.lines).map(([id, pts]) => [id, pts.map((p) => ({ ...p }))])),
    liquidations: [...m.liquidations],
  }
}

/** What changed since the last call (for incremental `update` on the charts); null when nothing did. */
export function takeUpdate(state: SeriesState, key: MarketKey): SeriesUpdate | null {
  const m = state.markets.get(key)
  if (!m) return null
  const bars = m.bars.filter((b) => m.changedBars.has(b.timeSec)).map((b) => ({ ...b }))
  const lines: SeriesUpdate['lines'] = {}
  for (const id of Object.keys(m.changedLines) as SeriesLineId[]) {
    const last = m.lines[id]?.[m.lines[id]!.length - 1]
    if (last) lines[id] = [{ ...last }]
  }
  const liquidations = m.newLiquidations
  m.changedBars.clear()
  m.changedLines = {}
  m.newLiquidations = []
  if (bars.length === 0 && Object.keys(lines).length === 0 && liquidations.length === 0) return null
  return { key, bars, lines, liquidations }
}

/** Forgets pending changes of every market (after a full series was sent). */
export function clearPending(state: SeriesState): void {
  for (const m of state.markets.values()) {
    m.changedBars.clear()
    m.changedLines = {}
    m.newLiquidations = []
  }
}
