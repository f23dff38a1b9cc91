import { describe, expect, it } from 'vitest'
import {
  aucOf,
  blockBootstrapAuc,
  fitLogistic,
  forwardSum,
  independentEvents,
  predict,
  reliability,
  trailingQuantile,
  trailingSum,
  walkForward,
} from './walk-forward'

describe('windows without look-ahead', () => {
  it('sums what comes next from the bar at t, and what was known before t', () => {
    const x = [1, 2, 3, 4, 5]
    // next 2 from i: 1+2, 2+3, 3+4, 4+5, past the end
    expect(forwardSum(x, 2)).toEqual([3, 5, 7, 9, NaN])
    // the 2 before i: none, none, 1+2, 2+3, 3+4
    expect(trailingSum(x, 2)).toEqual([NaN, NaN, 3, 5, 7])
  })

  it('takes the trailing quantile over values known up to t only', () => {
    // window 3, at least 2 values: i=1 → [1, 9] median 5; i=2 → [1, 9, 5] → 5; i=3 → [9, 5, 100] → 9
    expect(trailingQuantile([1, 9, 5, 100], 3, 0.5, 2)).toEqual([NaN, 5, 5, 9])
  })
})

describe('logistic model', () => {
  it('with no penalty on separable-free data recovers the log odds of each group', () => {
    // x = 0: 1 of 4 positive (log odds ln(1/3)); x = 1: 3 of 4 (ln 3). Standardized x has mean 0.5, sd
    // sqrt(2/7); the fitted probabilities must equal the group rates whatever the scaling.
    const rows = [[0], [0], [0], [0], [1], [1], [1], [1]]
    const y = [true, false, false, false, true, true, true, false]
    const m = fitLogistic(rows, y, 0)
    expect(predict(m, [0])).toBeCloseTo(0.25, 6)
    expect(predict(m, [1])).toBeCloseTo(0.75, 6)
    // A missing input sits at the training mean: the overall rate here, 0.5.
    expect(predict(m, [NaN])).toBeCloseTo(0.5, 6)
  })

  it('fits each fold on rows whose outcome closed before the fold', () => {
    const x = Array.from({ length: 20 }, (_, i) => [i % 2])
    const y = x.map(([v], i) => (i < 10 ? v === 1 : v === 0))
    // Fold at 10 with a horizon of 2: trains on rows 0..7 only (row 8's outcome reaches row 10).
    const { p } = walkForward(x, y, [10], 2, 0.01)
    expect(p.slice(0, 10).every((v) => Number.isNaN(v))).toBe(true)
    // The past said x = 1 → positive; the fold (where that flipped) gets the past's answer, not its own.
    expect(p[11]!).toBeGreaterThan(0.9)
    expect(p[10]!).toBeLessThan(0.1)
  })
})

describe('AUC, its day-block interval and independent events', () => {
  it('computes the AUC over the rows given and brackets it', () => {
    const s = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9]
    const y = [false, false, true, true, false, true]
    // Positives 0.35, 0.8, 0.9 vs negatives 0.1, 0.4, 0.2: 8 of 9 pairs ordered → 8/9.
    expect(aucOf(s, y, [0, 1, 2, 3, 4, 5])).toBeCloseTo(8 / 9, 12)
    const ci = blockBootstrapAuc(s, y, [0, 1, 2, 3, 4, 5], 2, 400, 3)!
    expect(ci.lo).toBeLessThanOrEqual(8 / 9)
    expect(ci.hi).toBeGreaterThanOrEqual(8 / 9)
  })

  it('counts a run of positive hours as one event', () => {
    const y = [false, true, true, true, false, false, false, false, true, false]
    // hours 1–3 are one episode; hour 8 is 5 hours after the last: a second one.
    expect(independentEvents(y, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toBe(2)
  })

  it('bins predictions into a reliability diagram', () => {
    const p = [0.1, 0.1, 0.9, 0.9]
    const y = [false, false, true, false]
    expect(reliability(p, y, [0, 1, 2, 3], 2)).toEqual([
      { predicted: 0.1, observed: 0, n: 2 },
      { predicted: 0.9, observed: 0.5, n: 2 },
    ])
  })
})
