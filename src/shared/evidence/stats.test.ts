import { describe, expect, it } from 'vitest'
import { aucInterval, mulberry32, permutation, quantileSorted, rocAuc, wilsonInterval } from './stats'

describe('wilsonInterval', () => {
  it('matches hand-computed bounds', () => {
    // 3 of 3, z = 1.96: centre = (1 + 3.8415/6) / (1 + 3.8415/3) = 1.64025 / 2.28049 = 0.71925;
    // half = 1.96 × sqrt(3.8415/36) / 2.28049 = 0.28075 → [0.4385, 1].
    const a = wilsonInterval(3, 3)!
    expect(a.lo).toBeCloseTo(0.4385, 3)
    expect(a.hi).toBe(1)
    // 5 of 10: centre 0.5; half = 1.96 × sqrt(0.025 + 3.8415/400) / 1.38415 = 1.96 × 0.18597 / 1.38415 = 0.26335.
    const b = wilsonInterval(5, 10)!
    expect(b.lo).toBeCloseTo(0.2366, 3)
    expect(b.hi).toBeCloseTo(0.7634, 3)
  })
  it('has no interval without trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull()
  })
})

describe('rocAuc', () => {
  it('reproduces the published example (scikit-learn roc_auc_score docs: 0.75)', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]).auc).toBeCloseTo(0.75, 12)
  })
  it('counts ties as one half and needs both classes', () => {
    expect(rocAuc([1, 1], [true, false]).auc).toBe(0.5)
    expect(rocAuc([1, 2], [true, true]).auc).toBeNull()
  })
  it('is near 0.5 for a score independent of the outcome (fixed-seed PRNG test input)', () => {
    const scoreRand = mulberry32(7)
    const outcomeRand = mulberry32(99)
    const scores: number[] = []
    const hits: boolean[] = []
    for (let i = 0; i < 4000; i++) {
      scores.push(scoreRand() * 100)
      hits.push(outcomeRand() < 0.3)
    }
    // SE of AUC here ≈ sqrt((n1 + n0 + 1) / (12 n1 n0)) = sqrt(4001 / (12 × 1200 × 2800)) ≈ 0.01.
    const { auc, points } = rocAuc(scores, hits)
    expect(Math.abs(auc! - 0.5)).toBeLessThan(0.04)
    expect(points[0]).toEqual({ fpr: 0, tpr: 0, threshold: null })
    expect(points.at(-1)).toMatchObject({ fpr: 1, tpr: 1 })
    expect(points.length).toBeLessThanOrEqual(52)
  })
  it('is 1 for a score that ranks every outcome first', () => {
    expect(rocAuc([9, 8, 1, 2, 3], [true, true, false, false, false]).auc).toBe(1)
  })
})

describe('aucInterval', () => {
  it('follows Hanley–McNeil by hand', () => {
    // A = 0.75, n1 = n0 = 10: Q1 = 0.75/1.25 = 0.6; Q2 = 2 × 0.5625 / 1.75 = 0.642857;
    // SE² = [0.1875 + 9 × 0.0375 + 9 × 0.080357] / 100 = 0.0124821 → SE 0.111724; ± 1.96 SE → [0.531, 0.969].
    const ci = aucInterval(0.75, 10, 10)!
    expect(ci.lo).toBeCloseTo(0.531, 3)
    expect(ci.hi).toBeCloseTo(0.969, 3)
    expect(aucInterval(0.6, 0, 10)).toBeNull()
  })
})

describe('quantiles and permutations', () => {
  it('interpolates like numpy (type 7)', () => {
    // [1, 2, 3, 4]: q 0.25 at position 0.75 → 1.75; median 2.5.
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75)
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantileSorted([], 0.5)).toBeNull()
  })
  it('permutes every index exactly once, reproducibly', () => {
    const p = permutation(50, mulberry32(3))
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i))
    expect(permutation(50, mulberry32(3))).toEqual(p)
    expect(p).not.toEqual(Array.from({ length: 50 }, (_, i) => i))
  })
})
