import { describe, expect, it } from 'vitest'
import { cumulativeProfile, readoutAt } from './heatmap-profile'

// Rows of 1 USD from 95: rows 0..9 = [95, 96) … [104, 105); reference price 100 (row 5's centre 100.5 is
// above it, so rows 5–9 count shorts). Longs: 20 low + 10 high at 97, 40 high at 99; shorts 30 low at 102,
// 5 high at 104.
const z = (): number[] => new Array<number>(10).fill(0)
const longLow = z()
const longHigh = z()
const shortLow = z()
const shortHigh = z()
longLow[2] = 20
longHigh[2] = 10
longHigh[4] = 40
shortLow[7] = 30
shortHigh[9] = 5
const data = { referencePrice: 100, longLow, longHigh, shortLow, shortHigh }

describe('cumulative liquidation profile', () => {
  it('adds up longs from each row up, shorts from each row down, split at the reference price', () => {
    const p = cumulativeProfile(data, 95, 1)
    // A fall to 99.x liquidates the 40 at 99; to 97.x also the 30 at 97: 70; below that still 70.
    expect([...p.cumUsd.slice(0, 5)]).toEqual([70, 70, 70, 40, 40])
    // A rise to 102.x liquidates the 30 at 102; to 104.x also the 5: 35.
    expect([...p.cumUsd.slice(5)]).toEqual([0, 0, 30, 30, 35])
    expect([...p.isLong]).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0])
    expect(p.maxUsd).toBe(70)
  })

  it('reads the row under the cursor by leverage group, with what reaching it would liquidate', () => {
    const p = cumulativeProfile(data, 95, 1)
    expect(readoutAt(data, p, 95, 1, 97.4)).toEqual({
      rowLo: 97,
      rowHi: 98,
      longLow: 20,
      longHigh: 10,
      shortLow: 0,
      shortHigh: 0,
      ifReachedUsd: 70,
      ifReachedSide: 'long',
    })
    expect(readoutAt(data, p, 95, 1, 102.9)!.ifReachedUsd).toBe(30)
    expect(readoutAt(data, p, 95, 1, 120)).toBeNull()
  })
})
