import { describe, expect, it } from 'vitest'
import { DEFAULT_CONNECTOR_OPTIONS } from '../../../src/main/engine/connectors/connector-options'
import type { BackfillOptions } from '../../../src/main/engine/connectors/connector-options'
import { plannedHistoryTasks } from '../../../src/main/engine/connectors/warm-history'
import { METRIC_HISTORY, historyKindOf } from '../../../src/shared/metric-warming'

const defaults = DEFAULT_CONNECTOR_OPTIONS.backfill
if (!defaults) throw new Error('the connector defaults have no backfill')
const BACKFILL: BackfillOptions = defaults

describe('history tasks the connectors announce, as the screens read them', () => {
  it('names every task so that the metrics resting on it can say they are warming', () => {
    for (const venue of ['binanceusdm', 'bybit', 'okx'] as const)
      for (const task of plannedHistoryTasks(venue, BACKFILL))
        expect(historyKindOf(task), `${venue} ${task}`).not.toBeNull()
  })

  it('on Binance, announces every kind of history a metric rests on', () => {
    const announced = new Set(plannedHistoryTasks('binanceusdm', BACKFILL).map(historyKindOf))
    const needed = new Set(Object.values(METRIC_HISTORY).flat())
    // funding, open interest, taker volume, the three long/short series, candles and trades: 8 kinds.
    expect(needed.size).toBe(8)
    for (const kind of needed) expect(announced.has(kind), kind).toBe(true)
  })

  it('announces no more than the venue loads: no trades task when the trades window is off', () => {
    const tasks = plannedHistoryTasks('binanceusdm', { ...BACKFILL, tradeMinutes: 0, klineMinutes: 0 })
    expect(tasks).not.toContain('recent trades')
    expect(tasks).not.toContain('1m candles')
    expect(tasks).toContain('5m candles')
  })
})
