import { describe, expect, it } from 'vitest'
import { bandMargin, dwellCreate, updateBand, updateDwell, type BandLabelState } from './hysteresis'

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

describe('band hysteresis with a dwell time', () => {
  const edges = [0.5, 0.9]
  const margin = bandMargin(edges, 0.2) // 0.2 x 0.4 = 0.08
  const MIN = 60_000

  it('changes band only once the value has stood past the margin for the dwell, in event time', () => {
    const s: BandLabelState = { index: -1 }
    expect(updateBand(s, edges, margin, 0.3, 0, 30 * MIN)).toBe(0) // first reading: adopted at once
    expect(updateBand(s, edges, margin, 0.7, 1 * MIN, 30 * MIN)).toBe(0) // 0.7 >= 0.58: pending from 1 min
    expect(updateBand(s, edges, margin, 0.65, 30 * MIN, 30 * MIN)).toBe(0) // held 29 min
    expect(updateBand(s, edges, margin, 0.66, 31 * MIN, 30 * MIN)).toBe(1) // held 30 min
  })

  it('restarts the wait when the value returns inside the shown band, keeps it when it moves on', () => {
    const s: BandLabelState = { index: -1 }
    updateBand(s, edges, margin, 0.3, 0, 30 * MIN)
    updateBand(s, edges, margin, 0.7, 0, 30 * MIN) // pending medium from 0
    expect(updateBand(s, edges, margin, 0.55, 10 * MIN, 30 * MIN)).toBe(0) // 0.55 < 0.58: back inside
    expect(updateBand(s, edges, margin, 0.7, 20 * MIN, 30 * MIN)).toBe(0) // pending again from 20 min
    expect(updateBand(s, edges, margin, 0.99, 40 * MIN, 30 * MIN)).toBe(0) // further up, same side: 20 min
    expect(updateBand(s, edges, margin, 0.99, 50 * MIN, 30 * MIN)).toBe(2) // 30 min since 20 min: high
  })

  it('takes the same time whether evaluated every second or once in a while', () => {
    const dense: BandLabelState = { index: -1 }
    const sparse: BandLabelState = { index: -1 }
    updateBand(dense, edges, margin, 0.1, 0, 30 * MIN)
    updateBand(sparse, edges, margin, 0.1, 0, 30 * MIN)
    let changedAt = -1
    for (let t = 1000; t <= 40 * MIN && changedAt < 0; t += 1000)
      if (updateBand(dense, edges, margin, 0.99, t, 30 * MIN) === 2) changedAt = t
    // pending from 1 s, so changed at 1 s + 30 min
    expect(changedAt).toBe(1000 + 30 * MIN)
    updateBand(sparse, edges, margin, 0.99, 1000, 30 * MIN)
    expect(updateBand(sparse, edges, margin, 0.99, 1000 + 30 * MIN, 30 * MIN)).toBe(2)
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
