import { describe, expect, it } from 'vitest'
import {
  brier,
  compareBrier,
  fitPlatt,
  reliabilityWithIntervals,
  walkForwardPlatt,
  withinIntervals,
} from './platt'
import { plattProbability } from './platt-mapping'

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i)

describe('Platt mapping', () => {
  it('reads σ(a + b·score) and holds the edge outside the fitted scores', () => {
    const m = { a: -3.5, b: 0.025, scoreMin: 5, scoreMax: 75 }
    // σ(−3.5 + 0.025 × 40) = σ(−2.5) = 1 / (1 + e^2.5) = 0.0758582
    expect(plattProbability(m, 40)).toBeCloseTo(0.0758582, 6)
    // 90 is read at 75: σ(−3.5 + 1.875) = σ(−1.625) = 0.164516
    expect(plattProbability(m, 90)).toBeCloseTo(0.164516, 5)
    expect(plattProbability(m, 0)).toBe(plattProbability(m, 5))
  })

  it('fits the log-odds of each group when the score takes two values (unpenalized maximum likelihood)', () => {
    // Score 0: 1 spike in 10 hours; score 1: 3 in 10. The logistic MLE reproduces the two observed rates.
    const score = [...new Array<number>(10).fill(0), ...new Array<number>(10).fill(1)]
    const y = [
      true,
      ...new Array<boolean>(9).fill(false),
      true,
      true,
      true,
      ...new Array<boolean>(7).fill(false),
    ]
    const m = fitPlatt(score, y, range(20), 0)!
    expect(plattProbability(m, 0)).toBeCloseTo(0.1, 6)
    expect(plattProbability(m, 1)).toBeCloseTo(0.3, 6)
    // logit(0.1) = −2.1972246, logit(0.3) − logit(0.1) = −0.8472979 + 2.1972246 = 1.3499267
    expect(m.a).toBeCloseTo(-2.1972246, 5)
    expect(m.b).toBeCloseTo(1.3499267, 5)
  })

  it('falls back to the base rate rather than invert the ranking when the slope comes out negative', () => {
    // Higher score, fewer spikes: 3 of 10 at 0, 1 of 10 at 1 → base rate 4 / 20 = 0.2 everywhere.
    const score = [...new Array<number>(10).fill(0), ...new Array<number>(10).fill(1)]
    const y = [
      true,
      true,
      true,
      ...new Array<boolean>(7).fill(false),
      true,
      ...new Array<boolean>(9).fill(false),
    ]
    const m = fitPlatt(score, y, range(20), 0)!
    expect(m.b).toBe(0)
    expect(plattProbability(m, 0)).toBeCloseTo(0.2, 12)
    expect(plattProbability(m, 1)).toBeCloseTo(0.2, 12)
  })

  it('has nothing to fit without both outcomes', () => {
    expect(fitPlatt([1, 2, 3], [false, false, null], [0, 1, 2])).toBeNull()
  })
})

describe('walk-forward calibration', () => {
  it('fits each fold on outcomes that closed before it: later outcomes change nothing', () => {
    const n = 60
    const score = range(n).map((i) => (i * 7) % 11)
    const y = range(n).map((i) => score[i]! > 6 !== (i % 9 === 0))
    const a = walkForwardPlatt(score, y, [30, 45], 4)
    // Flip every outcome from row 26 on (30 − 4): the first fold (rows 30–44) must not move.
    const flipped = y.map((v, i) => (i >= 26 ? !v : v))
    const b = walkForwardPlatt(score, flipped, [30, 45], 4)
    expect(b.p.slice(30, 45)).toEqual(a.p.slice(30, 45))
    expect(b.base.slice(30, 45)).toEqual(a.base.slice(30, 45))
    expect(a.p.slice(0, 30).every(Number.isNaN)).toBe(true)
    // The first fold's base rate: rows 0–25 (26 rows, i + 4 < 30).
    expect(a.base[30]).toBeCloseTo(y.slice(0, 26).filter(Boolean).length / 26, 12)
  })
})

describe('Brier score and reliability', () => {
  it('scores forecasts by squared error and compares them with the base rate', () => {
    const y = [true, false, false, false]
    const p = [0.5, 0.1, 0.1, 0.3]
    // (0.25 + 0.01 + 0.01 + 0.09) / 4 = 0.09
    expect(brier(p, y, [0, 1, 2, 3])).toBeCloseTo(0.09, 12)
    const base = [0.25, 0.25, 0.25, 0.25]
    // Base rate: (0.5625 + 3 × 0.0625) / 4 = 0.1875; skill 1 − 0.09 / 0.1875 = 0.52
    const c = compareBrier(p, base, y, [0, 1, 2, 3], 1, 200)
    expect(c.baseRate).toBeCloseTo(0.1875, 12)
    expect(c.skill).toBeCloseTo(0.52, 12)
    expect(c.skillLo).toBeLessThanOrEqual(c.skillHi)
  })

  it('bins by predicted probability and puts each observed rate in a day-block interval', () => {
    // 48 hours: the lower half predicted 0.1 with 2 spikes in 24, the upper half 0.5 with 12 in 24.
    const p = range(48).map((i) => (i < 24 ? 0.1 : 0.5))
    const y = range(48).map((i) => (i < 24 ? i < 2 : i % 2 === 0))
    const bins = reliabilityWithIntervals(p, y, range(48), 2, 24, 200)
    expect(bins.map((b) => [b.observed, b.n])).toEqual([
      [2 / 24, 24],
      [0.5, 24],
    ])
    expect(bins[0]!.predicted).toBeCloseTo(0.1, 12)
    expect(bins[1]!.predicted).toBeCloseTo(0.5, 12)
    // Each bin is one whole day: any draw holds that day or none, so the interval is the day's own rate.
    expect(bins[0]!.lo).toBeCloseTo(2 / 24, 12)
    expect(bins[0]!.hi).toBeCloseTo(2 / 24, 12)
    // 0.1 lies outside [0.0833, 0.0833]: not calibrated within the intervals.
    expect(withinIntervals(bins)).toBe(false)
    expect(withinIntervals([{ predicted: 0.05, observed: 0.06, n: 10, lo: 0.02, hi: 0.1 }])).toBe(true)
  })
})
