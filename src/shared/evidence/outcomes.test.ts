import { describe, expect, it } from 'vitest'
import { addBinary, emptyBinaryCounts, finishBinary } from './binary-stats'
import { independentEvents, independentOnsets, liquidationOutcome, priceOutcome } from './outcomes'
import { flatSeries, onAt } from './test-series'

const MIN = 60_000

describe('priceOutcome', () => {
  it('finds forward moves, drops and lead times on a hand-made path', () => {
    const m = flatSeries(12)
    m.high[4] = 103 // +3 % in the bucket ending at t4
    m.low[8] = 96 // −4 % in the bucket ending at t8
    const move = priceOutcome(m, MIN, 'move', 0.03, 3)
    // Evaluable: i + 3 ≤ 11 → i = 0..8. t4's spike is seen from i = 1, 2, 3; t8's dip (≥ 3 %) from 5, 6, 7.
    expect([...move.evaluable]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0])
    expect([...move.hit]).toEqual([0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0])
    expect(move.leadMs[1]).toBe(3 * MIN)
    expect(move.leadMs[3]).toBe(1 * MIN)
    const drop = priceOutcome(m, MIN, 'drop', 0.03, 3)
    expect([...drop.hit]).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0])
    // The rise does not count as a drop, and the bucket at t itself is not in t's future.
    expect(priceOutcome(m, MIN, 'drop', 0.05, 3).hit.some((v) => v === 1)).toBe(false)
  })
  it('does not measure a window that runs past the data or starts without a price', () => {
    const m = flatSeries(6)
    m.close[0] = NaN
    const o = priceOutcome(m, MIN, 'move', 0.01, 2)
    expect([...o.evaluable]).toEqual([0, 1, 1, 1, 0, 0])
  })
})

describe('liquidationOutcome', () => {
  it('flags windows above the 95th percentile of forward liquidation USD', () => {
    const m = flatSeries(22)
    m.liqUsd = new Float64Array(22)
    m.liqUsd[10] = 5_000_000
    // Windows of 1 step: sums for i = 0..20 are 0 except i = 9 (5 M). 21 sums, 95th pct = sorted[ceil(19.95) − 1]
    // = sorted[19] = 0, so only i = 9 is above it.
    const o = liquidationOutcome(m, MIN, 1)!
    expect(o.thresholdUsd).toBe(0)
    expect([...o.hit].flatMap((v, i) => (v ? [i] : []))).toEqual([9])
    expect(o.leadMs[9]).toBe(MIN)
    expect(liquidationOutcome(flatSeries(5), MIN, 1)).toBeNull()
  })
})

describe('independence', () => {
  it('keeps onsets at least one horizon apart and skips an "on" first sample', () => {
    const on = onAt(20, [0, 1, 3, 4, 6, 12, 13, 18])
    const all = new Uint8Array(20).fill(1)
    // Onsets (off → on): 3, 6, 12, 18. With a gap of 5 steps: 3, (6 too close), 12, 18.
    expect(independentOnsets(on, all, 5)).toEqual([3, 12, 18])
    expect(independentEvents(onAt(20, [2, 3, 4, 5, 6, 7, 15]), all, 5)).toBe(2)
  })
})

describe('binary signal statistics', () => {
  it('gives lift = 1 / base rate to a signal that precedes every move', () => {
    const n = 100
    const m = flatSeries(n)
    for (const j of [20, 50, 80]) m.high[j] = 106
    const o = priceOutcome(m, MIN, 'move', 0.05, 5)
    // Hits: i ∈ 15..19, 45..49, 75..79 = 15 of the 95 evaluable times (i ≤ 94): base rate 15/95.
    const on = onAt(n, [18, 48, 78])
    const acc = emptyBinaryCounts()
    addBinary(acc, on, o, 5)
    const s = finishBinary({ signalId: 'x', outcomeId: 'move', market: 'm' }, acc, 3)
    expect(s.baseRate).toBeCloseTo(15 / 95, 12)
    expect(s.hitRate).toBe(1)
    expect(s.lift).toBeCloseTo(95 / 15, 12)
    expect(s.independentOnsets).toBe(3)
    expect(s.leadTime).toMatchObject({ count: 3, medianMs: 2 * MIN, minMs: 2 * MIN })
    // Lift interval = Wilson(3/3) / base rate = [0.4385, 1] × 95/15.
    expect(s.liftCi95!.lo).toBeCloseTo(0.4385 * (95 / 15), 2)
    expect(s.status).toBe('ok')
    // With the default of 10 independent onsets, three are "not enough events".
    const strict = finishBinary({ signalId: 'x', outcomeId: 'move', market: 'm' }, acc, 10)
    expect(strict.status).toBe('not-enough-events')
    expect(strict.statusReason).toMatch(/3 independent onsets .*needs 10/)
    // Enough onsets but an outcome seen only 3 separate times is still no finding.
    const rare = finishBinary({ signalId: 'x', outcomeId: 'move', market: 'm' }, { ...acc, onsets: 12 }, 10)
    expect(rare.statusReason).toBe('the outcome happened 3 separate times in the data (needs 10)')
  })
  it('counts overlapping onsets once and misses as misses', () => {
    const n = 100
    const m = flatSeries(n)
    m.high[50] = 110
    const o = priceOutcome(m, MIN, 'move', 0.05, 10)
    // Onsets at 42 and 45 fall in one 10-step window: one event, a hit; onset 70 is a miss.
    const acc = emptyBinaryCounts()
    addBinary(acc, onAt(n, [42, 45, 70]), o, 10)
    expect(acc).toMatchObject({ onsets: 2, hits: 1, samplesOn: 3, baseEvents: 1 })
  })
})
