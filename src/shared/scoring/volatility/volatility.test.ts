import { describe, expect, it } from 'vitest'
import { applyEvents, createScoringState, snapshotMarket } from '../scoring-state'
import { T0, gap, trade } from '../test-fixtures'
import type { TradeEvent } from '../../market-event'

const KEY = 'binanceusdm:BTC/USDT:USDT'
const MIN = 60_000

/** Minute bars from two prints each: low then high. */
function bars(from: number, count: number, low: number, high: number): TradeEvent[] {
  return Array.from({ length: count }, (_, i) => [
    trade(T0 + (from + i) * MIN, low, 1, 'sell'),
    trade(T0 + (from + i) * MIN + 30_000, high, 1, 'buy'),
  ]).flat()
}

describe('Parkinson volatility on 1-minute bars', () => {
  it('annualizes ln(H/L)^2 / (4 ln 2) per minute', () => {
    const s = createScoringState({ volShortWindowMinutes: 10, volLongWindowMinutes: 40 })
    applyEvents(s, [...bars(0, 20, 100, 101), trade(T0 + 20 * MIN, 100, 1, 'buy')])
    // every bar: ln(1.01)^2 / (4 ln 2) = 9.9007e-5 / 2.7726 = 3.5710e-5 per minute; x 525600 -> sqrt = 4.3323
    const perBar = Math.log(1.01) ** 2 / (4 * Math.log(2))
    expect(snapshotMarket(s, KEY)!.metrics['vol-short']!.value).toBeCloseTo(Math.sqrt(perBar * 525_600), 9)
    expect(Math.sqrt(perBar * 525_600)).toBeCloseTo(4.3323, 3)
  })

  it('labels expansion when the short window runs above the long one', () => {
    // Windows shrunk to minutes, so no label dwell: the label follows the ratio at once.
    const s = createScoringState({ volShortWindowMinutes: 10, volLongWindowMinutes: 40, labelDwellMs: 0 })
    // 30 calm bars (range 0.1 %) then 10 wild bars (range 1 %)
    applyEvents(s, [
      ...bars(0, 30, 100, 100.1),
      ...bars(30, 10, 100, 101),
      trade(T0 + 40 * MIN, 100, 1, 'buy'),
    ])
    const snap = snapshotMarket(s, KEY)!
    // ratio = sqrt(v1) / sqrt((30 v0 + 10 v1) / 40) with v = ln(H/L)^2 / (4 ln 2)
    const v0 = Math.log(1.001) ** 2
    const v1 = Math.log(1.01) ** 2
    expect(snap.metrics['vol-ratio']!.value).toBeCloseTo(Math.sqrt(v1 / ((30 * v0 + 10 * v1) / 40)), 9)
    expect(snap.labels['vol-regime']).toBe('expanding')
  })

  it('is n/a on an empty window and across a trade gap', () => {
    const s = createScoringState({ volShortWindowMinutes: 10, volLongWindowMinutes: 40 })
    applyEvents(s, [trade(T0, 100, 1, 'buy')])
    expect(snapshotMarket(s, KEY)!.metrics['vol-short']!.reason).toBe(
      'needs 10 one-minute bars in the last 10 min, has 0',
    )
    applyEvents(s, [
      ...bars(1, 20, 100, 101),
      trade(T0 + 21 * MIN, 100, 1, 'buy'),
      gap('trades', T0 + 15 * MIN, T0 + 16 * MIN),
    ])
    expect(snapshotMarket(s, KEY)!.metrics['vol-short']!.reason).toMatch(/^gap of 60 s in trades data/)
  })
})
