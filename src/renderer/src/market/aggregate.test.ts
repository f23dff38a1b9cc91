import { describe, expect, it } from 'vitest'
import {
  aggregateBars,
  aggregateLiquidations,
  aggregatePoints,
  averageTrueRange,
  mergeByTime,
} from './aggregate'

const bar = (timeSec: number, o: number, h: number, l: number, c: number, v: number) => ({
  timeSec,
  open: o,
  high: h,
  low: l,
  close: c,
  volumeBase: v,
})

describe('time-frame aggregation', () => {
  it('folds 1-minute bars into 5-minute OHLCV aligned to UTC', () => {
    // 12:03, 12:04 fall in the 12:00 bucket; 12:05, 12:06 in the 12:05 bucket (epoch 1_700_000_000 s is 22:13:20).
    const t0 = 1_699_999_800 // divisible by 300 -> a 5-minute boundary
    const bars = [
      bar(t0 + 180, 10, 12, 9, 11, 1),
      bar(t0 + 240, 11, 15, 10, 14, 2),
      bar(t0 + 300, 14, 14, 8, 9, 3),
      bar(t0 + 360, 9, 10, 7, 10, 4),
    ]
    expect(aggregateBars(bars, 300)).toEqual([
      bar(t0, 10, 15, 9, 14, 3), // open of the first, max 15, min 9, close of the last, 1 + 2
      bar(t0 + 300, 14, 14, 7, 10, 7), // 3 + 4
    ])
  })

  it('keeps the last value of a line in each bucket', () => {
    const pts = [
      { timeSec: 3600, value: 1 },
      { timeSec: 3660, value: 2 },
      { timeSec: 7200, value: 5 },
    ]
    expect(aggregatePoints(pts, 3600)).toEqual([
      { timeSec: 3600, value: 2 },
      { timeSec: 7200, value: 5 },
    ])
  })

  it('sums realized liquidations per bucket and side', () => {
    const liqs = [
      { timeSec: 60, positionSide: 'long' as const, price: 1, usd: 100 },
      { timeSec: 120, positionSide: 'long' as const, price: 1, usd: 250 },
      { timeSec: 130, positionSide: 'short' as const, price: 1, usd: 40 },
    ]
    expect(aggregateLiquidations(liqs, 300)).toEqual([
      { timeSec: 0, positionSide: 'long', usd: 350, count: 2 },
      { timeSec: 0, positionSide: 'short', usd: 40, count: 1 },
    ])
  })
})

describe('mergeByTime', () => {
  it('appends newer items, replaces equal times, inserts older ones in order', () => {
    const a = [
      { timeSec: 1, v: 'a' },
      { timeSec: 3, v: 'b' },
    ]
    expect(
      mergeByTime(a, [
        { timeSec: 3, v: 'B' },
        { timeSec: 4, v: 'c' },
        { timeSec: 2, v: 'x' },
      ]),
    ).toBe(2)
    expect(a.map((x) => `${x.timeSec}${x.v}`)).toEqual(['1a', '2x', '3B', '4c'])
  })
})

describe('averageTrueRange', () => {
  it('is n/a with too few bars and averages true ranges otherwise', () => {
    expect(averageTrueRange([bar(0, 1, 2, 0, 1, 0)], 2)).toBeNull()
    // TR2 = max(12-9, |12-10|, |9-10|) = 3; TR3 = max(15-13, |15-11|, |13-11|) = 4; mean of 2 = 3.5
    const bars = [bar(0, 10, 10, 10, 10, 0), bar(60, 10, 12, 9, 11, 0), bar(120, 11, 15, 13, 14, 0)]
    expect(averageTrueRange(bars, 2)).toBe(3.5)
  })
})
