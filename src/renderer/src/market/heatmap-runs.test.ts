import { describe, expect, it } from 'vitest'
import { columnRuns } from './heatmap-primitive'

describe('heatmap column placement', () => {
  it('takes logical indices from the time scale, which also holds points of other panes', () => {
    // Time scale: an open-interest point at 0 before the first bar, bars at 300, 600, 1200, and a line
    // point at 900 where no bar is. Index of t = its position among [0, 300, 600, 900, 1200].
    const scale = [0, 300, 600, 900, 1200]
    const indexOf = (t: number) => (scale.includes(t) ? scale.indexOf(t) : null)
    const runs = columnRuns([300, 600, 900, 1200], [300, 600, 1200], indexOf)
    // Columns 0–1 sit on indices 1–2; column 2 (900) has no bar; column 3 sits on index 4, after the gap.
    expect(runs).toEqual([
      { col: 0, logical: 1, count: 2 },
      { col: 3, logical: 4, count: 1 },
    ])
  })

  it('leaves out a column whose time the scale does not know', () => {
    expect(columnRuns([300], [300], () => null)).toEqual([])
  })
})
