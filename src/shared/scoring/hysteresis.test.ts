import { describe, expect, it } from 'vitest'
import { bandMargin, dwellCreate, updateBand, updateDwell } from './hysteresis'

describe('band hysteresis', () => {
  const edges = [0.05, 0.25, 0.75, 0.95]
  // narrowest gap 0.2, margin fraction 0.2 -> 0.04
  const margin = bandMargin(edges, 0.2)
  it('computes the margin from the narrowest gap', () => expect(margin).toBeCloseTo(0.04, 12))

  it('does not flap when the value hovers at a boundary', () => {
    const s = { index: -1 }
    expect(updateBand(s, edges, margin, 0.9)).toBe(3)
    const seen = new Set<number>()
    for (const v of [0.951, 0.949, 0.96, 0.94, 0.97, 0.93, 0.985]) seen.add(updateBand(s, edges, margin, v))
    // 0.985 < 0.95 + 0.04: still Positive (3) all along
    expect([...seen]).toEqual([3])
    expect(updateBand(s, edges, margin, 0.991)).toBe(4)
    // back down: must fall below 0.95 - 0.04 = 0.91 to leave
    expect(updateBand(s, edges, margin, 0.92)).toBe(4)
    expect(updateBand(s, edges, margin, 0.905)).toBe(3)
  })

  it('keeps the band through a missing value and jumps several bands on a big move', () => {
    const s = { index: -1 }
    updateBand(s, edges, margin, 0.5)
    expect(updateBand(s, edges, margin, null)).toBe(-1)
    expect(s.index).toBe(2)
    expect(updateBand(s, edges, margin, 0.01)).toBe(0)
  })
})

describe('dwell debounce', () => {
  it('changes only after the new label held for the dwell time', () => {
    const s = dwellCreate()
    expect(updateDwell(s, 'a', 0, 60)).toBeUndefined()
    expect(s.current).toBe('a')
    expect(updateDwell(s, 'b', 10, 60)).toBeUndefined()
    expect(updateDwell(s, 'a', 20, 60)).toBeUndefined() // flap back resets the candidate
    expect(updateDwell(s, 'b', 30, 60)).toBeUndefined()
    expect(updateDwell(s, 'b', 89, 60)).toBeUndefined()
    expect(updateDwell(s, 'b', 90, 60)).toEqual({ from: 'a' })
    expect(s.current).toBe('b')
  })
})
