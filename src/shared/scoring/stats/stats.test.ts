import { describe, expect, it } from 'vitest'
import { bucketedAdd, bucketedCreate, bucketedSum } from './bucketed-sum'
import { maxDequeCreate, maxDequeMax, maxDequePush } from './monotonic-deque'
import { normalCdf } from './normal-cdf'
import { ringMidRank, weightedRank } from './percentile'
import { rollingCreate, rollingMean, rollingPush, rollingStd } from './rolling-stats'
import {
  RING_INITIAL_SLOTS,
  ringCreate,
  ringIndexAsOf,
  ringPush,
  ringShift,
  ringTs,
  ringVal,
} from './timed-ring'

/** Deterministic pseudo-random numbers (LCG) so reference checks cover many shapes reproducibly. */
function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

describe('timed ring', () => {
  it('keeps the newest cap samples in order and finds the sample as of a time', () => {
    const r = ringCreate(3)
    for (let i = 1; i <= 5; i++) ringPush(r, i * 10, i)
    // 5 pushes into 3 slots: 3, 4, 5 remain (ts 30, 40, 50)
    expect([0, 1, 2].map((i) => ringVal(r, i))).toEqual([3, 4, 5])
    expect(ringTs(r, 0)).toBe(30)
    expect(ringIndexAsOf(r, 45)).toBe(1)
    expect(ringIndexAsOf(r, 29)).toBe(-1)
    expect(ringIndexAsOf(r, 50)).toBe(2)
  })

  it('grows its storage with use, up to its cap, holding what a plain capped list holds', () => {
    const cap = 100
    const r = ringCreate(cap, 2)
    expect(r.ts.length).toBe(0) // nothing allocated before the first push
    ringPush(r, -1, 0, 0)
    ringShift(r)
    expect(r.ts.length).toBe(RING_INITIAL_SLOTS)
    expect(r.v.length).toBe(RING_INITIAL_SLOTS * 2)
    const ref: [number, number, number][] = [] // a plain list capped at 100: the expected contents
    const rnd = lcg(7)
    for (let i = 0; i < 1000; i++) {
      // Shifts between pushes wrap the head at every storage size the ring passes through.
      if (rnd() < 0.2 && ref.length > 0) {
        ringShift(r)
        ref.shift()
      }
      const v = Math.round(rnd() * 1000)
      ringPush(r, i, v, -v)
      ref.push([i, v, -v])
      if (ref.length > cap) ref.shift()
      expect(r.size).toBe(ref.length)
      expect(r.ts.length).toBeLessThanOrEqual(cap)
      if (i % 37 === 0) {
        for (let k = 0; k < ref.length; k++) {
          expect([ringTs(r, k), ringVal(r, k, 0), ringVal(r, k, 1)]).toEqual(ref[k])
        }
      }
    }
    expect(r.ts.length).toBe(cap)
  })

  it('stays small while little is pushed', () => {
    const r = ringCreate(1440, 3)
    for (let i = 0; i < 20; i++) ringPush(r, i, i, i, i)
    // 8 -> 12 -> 18 -> 27 slots for 20 samples, not 1,440
    expect(r.ts.length).toBe(27)
    expect([ringVal(r, 0, 2), ringVal(r, 19, 2)]).toEqual([0, 19])
  })
})

describe('rolling stats', () => {
  it('matches a brute-force mean / sample std over a time window', () => {
    const rnd = lcg(7)
    const s = rollingCreate(500, 1000)
    const all: [number, number][] = []
    let t = 0
    for (let i = 0; i < 3000; i++) {
      t += Math.floor(rnd() * 20)
      const v = rnd() * 100 - 50
      rollingPush(s, t, v)
      all.push([t, v])
    }
    const inWin = all.filter(([ts]) => ts >= t - 1000).map(([, v]) => v)
    const mean = inWin.reduce((a, b) => a + b, 0) / inWin.length
    const sd = Math.sqrt(inWin.reduce((a, b) => a + (b - mean) ** 2, 0) / (inWin.length - 1))
    expect(rollingMean(s)).toBeCloseTo(mean, 9)
    expect(rollingStd(s)).toBeCloseTo(sd, 9)
  })
  it('is empty-safe: no mean without samples, no std below two', () => {
    const s = rollingCreate(10)
    expect(rollingMean(s)).toBeNull()
    rollingPush(s, 0, 5)
    expect(rollingStd(s)).toBeNull()
  })
})

describe('monotonic deque', () => {
  it('gives the same rolling max as a scan of the window', () => {
    const rnd = lcg(11)
    const d = maxDequeCreate(400, 300)
    const all: [number, number][] = []
    let t = 0
    for (let i = 0; i < 2000; i++) {
      t += 1 + Math.floor(rnd() * 5)
      const v = Math.round(rnd() * 1000)
      maxDequePush(d, t, v)
      all.push([t, v])
      if (i % 97 === 0) {
        const brute = Math.max(...all.filter(([ts]) => ts >= t - 300).map(([, x]) => x))
        expect(maxDequeMax(d, t)).toBe(brute)
      }
    }
    expect(maxDequeMax(d, t + 10_000)).toBeNull()
  })
})

describe('bucketed sum', () => {
  it('sums the window at bucket resolution and forgets what left it', () => {
    // 60 s window, 6 buckets of 10 s
    const b = bucketedCreate(60_000, 6)
    expect(b.sums.length).toBe(0) // no storage until something is added
    expect(bucketedSum(b, 30_000)).toBe(0)
    bucketedAdd(b, 1_000, 5) // bucket 0
    expect(b.sums.length).toBe(6)
    bucketedAdd(b, 12_000, 7) // bucket 1
    bucketedAdd(b, 59_000, 11) // bucket 5
    expect(bucketedSum(b, 59_000)).toBe(23) // 5 + 7 + 11
    expect(bucketedSum(b, 61_000)).toBe(18) // bucket 6 starts, bucket 0 (5) leaves: 7 + 11
    expect(bucketedSum(b, 125_000)).toBe(0) // everything older than 60 s
    bucketedAdd(b, 70_000, 1) // bucket 7: buckets 0 and 1 leave
    expect(bucketedSum(b, 70_000)).toBe(12) // 11 + 1
  })
})

describe('weighted percentile', () => {
  it('uses mid-ranks and weights', () => {
    const r = ringCreate(8, 2)
    for (const v of [4, 1, 3, 2]) ringPush(r, v, v, 1)
    // values 1,2,3,4 with weight 1 each: rank of 3 = (2 below + 0.5 * 1 equal) / 4 = 0.625
    expect(weightedRank(r, 3)!.rank).toBeCloseTo(0.625, 12)
    expect(weightedRank(r, 0)!.rank).toBe(0)
    expect(weightedRank(r, 9)!.rank).toBe(1)
    const w = ringCreate(4, 2)
    ringPush(w, 0, 1, 8)
    ringPush(w, 1, 2, 1)
    // weight 8 on value 1, weight 1 on value 2: rank of 1.5 = 8 / 9; mean (8*1 + 1*2) / 9 = 10/9
    expect(weightedRank(w, 1.5)!.rank).toBeCloseTo(8 / 9, 12)
    expect(weightedRank(w, 1.5)!.mean).toBeCloseTo(10 / 9, 12)
    // std: sqrt((8 (1 - 10/9)^2 + (2 - 10/9)^2) / 9) = sqrt((8/81 + 64/81) / 9) = sqrt(8/81)
    expect(weightedRank(w, 1.5)!.std).toBeCloseTo(Math.sqrt(8 / 81), 12)
    expect(weightedRank(ringCreate(2, 2), 1)).toBeNull()
    expect(ringMidRank(r, 2)).toBeCloseTo(0.375, 12) // (1 below + 0.5) / 4
  })
})

describe('normal CDF', () => {
  it('matches published table values', () => {
    // Standard normal table: Phi(1) = 0.841344746, Phi(1.96) = 0.975002105, Phi(-0.5) = 0.308537539
    expect(normalCdf(1)).toBeCloseTo(0.841344746, 6)
    expect(normalCdf(1.96)).toBeCloseTo(0.975002105, 6)
    expect(normalCdf(-0.5)).toBeCloseTo(0.308537539, 6)
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
  })
})
