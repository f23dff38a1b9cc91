import { describe, expect, it } from 'vitest'
import {
  COMPOSITE_INPUTS,
  LIVE_ONLY,
  METRIC_HISTORY,
  historyKindOf,
  historyKindsOf,
  metricWarming,
  warmingNote,
  warmingShortText,
  warmingText,
} from './metric-warming'
import type { MetricWarming } from './metric-warming'
import { statusWithBackfill } from './metric-warming-fixtures'
import type { BackfillTask } from './metric-warming-fixtures'
import { METRIC_IDS } from './scoring/metric-registry'

const KEY = 'binanceusdm:BTC/USDT:USDT'
const P = 'binanceusdm BTC/USDT:USDT '
const REFUSAL = 'binanceusdm GET /futures/data/openInterestHist 500 Internal Server Error'

type Task = BackfillTask
const status = statusWithBackfill

/** The nine tasks Binance reports for a perp, in its order, with the OI history at 40 %. */
const LOADING: Task[] = [
  { task: `${P}open interest history`, fraction: 0.4, done: false },
  { task: `${P}taker volume history`, fraction: 0, done: false },
  { task: `${P}globalAccounts long/short history`, fraction: 0, done: false },
  { task: `${P}topAccounts long/short history`, fraction: 0, done: false },
  { task: `${P}topPositions long/short history`, fraction: 0, done: false },
  { task: `${P}5m candles`, fraction: 0, done: false },
  { task: `${P}1m candles`, fraction: 0, done: false },
  { task: `${P}recent trades`, fraction: 0, done: false },
  { task: `${P}funding history`, fraction: 0, done: false },
  // Another market's task is not this one's.
  { task: 'binanceusdm ETH/USDT:USDT funding history', fraction: 0.9, done: false },
]

const done = (t: Task): Task => ({ task: t.task, fraction: 1, done: true })

describe('metric → history table', () => {
  it('places every registry metric in exactly one of the three tables', () => {
    for (const id of METRIC_IDS) {
      const places = [id in METRIC_HISTORY, id in COMPOSITE_INPUTS, LIVE_ONLY.includes(id)]
      expect(places.filter(Boolean).length, id).toBe(1)
    }
  })

  it('reads the task names the connectors report', () => {
    expect(historyKindOf('funding history')).toBe('funding')
    expect(historyKindOf('open interest history')).toBe('open-interest')
    expect(historyKindOf('taker volume history')).toBe('taker-volume')
    expect(historyKindOf('topPositions long/short history')).toBe('long-short:topPositions')
    expect(historyKindOf('5m candles')).toBe('candles')
    expect(historyKindOf('1m candles')).toBe('candles')
    expect(historyKindOf('recent trades')).toBe('trades')
    expect(historyKindOf('something else')).toBeNull()
  })

  it('gives composites the tasks of their inputs', () => {
    // Crowding: funding percentile (funding), accounts L/S (its history), basis z (live only).
    expect(historyKindsOf('crowding').sort()).toEqual(['funding', 'long-short:globalAccounts'])
    // The stress index: funding, OI build, the liquidation map (OI, candles, taker split, trades), volatility.
    expect(historyKindsOf('lsi').sort()).toEqual([
      'candles',
      'funding',
      'open-interest',
      'taker-volume',
      'trades',
    ])
    expect(historyKindsOf('pillar-toxicity').sort()).toEqual(['candles', 'trades'])
    expect(historyKindsOf('basis-bps')).toEqual([])
  })
})

describe('a metric cell while its history loads', () => {
  it('names the task loading now and how many more the metric waits on', () => {
    const s = status(LOADING)
    const oi = metricWarming(s, KEY, 'oi-roc-24h') as MetricWarming
    expect(warmingText(oi)).toBe('warming: OI history 40 %')
    expect(warmingShortText(oi)).toBe('warming 40 %')
    // The map waits on OI, taker volume, both candle series and the trades: 5 tasks, the first at 40 %.
    expect(warmingText(metricWarming(s, KEY, 'liq-prox-2pct-usd') as MetricWarming)).toBe(
      'warming: OI history 40 %, 4 more',
    )
    expect(warmingText(metricWarming(s, KEY, 'ls-top-positions') as MetricWarming)).toBe(
      'warming: L/S history (top positions) 0 %',
    )
    // A live-only metric waits on nothing.
    expect(metricWarming(s, KEY, 'depth-ratio-1')).toBeNull()
  })

  it('stops warming a metric once its own tasks are done, while others still load', () => {
    const s = status(LOADING.map((t, i) => (i === 0 || i === 5 || i === 6 ? done(t) : t)))
    expect(metricWarming(s, KEY, 'oi-roc-24h')).toBeNull()
    expect(metricWarming(s, KEY, 'price-change-24h')).toBeNull()
    expect(warmingText(metricWarming(s, KEY, 'funding-percentile') as MetricWarming)).toBe(
      'warming: funding history 0 %',
    )
  })

  it('names the task under way before those announced earlier but not started', () => {
    // The seed is in; the funding history (reported last) is at 30 %, the L/S histories wait behind it.
    const s = status(
      LOADING.map((t) =>
        t.task.endsWith(' funding history')
          ? { ...t, fraction: 0.3 }
          : t.task.includes('long/short')
            ? t
            : done(t),
      ),
    )
    expect(warmingText(metricWarming(s, KEY, 'crowding') as MetricWarming)).toBe(
      'warming: funding history 30 %, 1 more',
    )
  })

  it('says which inputs of a composite still wait', () => {
    // Everything but the funding history is in.
    const s = status(LOADING.map((t) => (t.task.endsWith(' funding history') ? t : done(t))))
    const lsi = metricWarming(s, KEY, 'lsi') as MetricWarming
    expect(lsi.inputs).toEqual(['lsi-c-funding'])
    expect(warmingNote(lsi)).toBe(
      'warming: funding history 0 %; inputs waiting on history: LSI: funding stress',
    )
    const fragility = metricWarming(s, KEY, 'fragility') as MetricWarming
    expect(fragility.inputs).toEqual(['crowding'])
  })

  it('shows the venue’s answer on every metric resting on a refused task, and only on those', () => {
    const s = status(
      LOADING.map((t, i) => (i === 0 ? { task: t.task, fraction: 0, done: true, error: REFUSAL } : done(t))),
    )
    const oi = metricWarming(s, KEY, 'oi-roc-24h') as MetricWarming
    expect(warmingText(oi)).toBe(`history refused: ${REFUSAL}`)
    expect(warmingShortText(oi)).toBe('refused')
    expect(warmingText(metricWarming(s, KEY, 'cluster-distance') as MetricWarming)).toBe(
      `history refused: ${REFUSAL}`,
    )
    expect(warmingNote(metricWarming(s, KEY, 'lsi') as MetricWarming)).toBe(
      `OI history refused: ${REFUSAL}; inputs waiting on history: LSI: OI build, LSI: liquidation proximity`,
    )
    expect(metricWarming(s, KEY, 'funding-percentile')).toBeNull()
    expect(metricWarming(s, KEY, 'vpin')).toBeNull()
  })

  it('says nothing outside live data or for a market with no tasks', () => {
    expect(metricWarming(status(LOADING, 'replay'), KEY, 'oi-roc-24h')).toBeNull()
    expect(metricWarming(status(LOADING), 'binanceusdm:SOL/USDT:USDT', 'oi-roc-24h')).toBeNull()
    expect(metricWarming(null, KEY, 'oi-roc-24h')).toBeNull()
  })
})
