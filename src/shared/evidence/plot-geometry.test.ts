import { describe, expect, it } from 'vitest'
import { calibrationGeometry, eventStudyGeometry, linePath, rocGeometry } from './plot-geometry'

const BOX = { width: 120, height: 120, pad: 10 }

describe('plot geometry', () => {
  it('maps the unit square onto the padded box with y pointing up', () => {
    // Inner box 100 × 100 from (10, 10): (0, 0) → (10, 110); (1, 1) → (110, 10); (0.5, 0.25) → (60, 85).
    expect(
      rocGeometry(
        [
          { fpr: 0, tpr: 0, threshold: null },
          { fpr: 0.5, tpr: 0.25, threshold: 1 },
          { fpr: 1, tpr: 1, threshold: 0 },
        ],
        BOX,
      ).curve,
    ).toBe('M10 110L60 85L110 10')
  })
  it('breaks a line at missing values', () => {
    expect(
      linePath(
        BOX,
        [
          [0, 0],
          [0.5, null],
          [1, 1],
        ],
        [0, 1],
        [0, 1],
      ),
    ).toBe('M10 110M110 10')
  })
  it('places calibration marks at bin centres with their interval', () => {
    const { marks, yMax } = calibrationGeometry(
      [{ lo: 40, hi: 50, samples: 8, effectiveN: 2, rate: 0.05, ci95: { lo: 0.01, hi: 0.2 } }],
      BOX,
    )
    // yMax = max(0.1, 0.2) = 0.2; x = 10 + 45 = 55; rate 0.05 → 110 − 25 = 85; hi 0.2 → 10; lo 0.01 → 105.
    expect(yMax).toBe(0.2)
    expect(marks[0]).toMatchObject({ cx: 55, cy: 85, y1: 10, y2: 105 })
  })
  it('centres the event study on the onset and zero return', () => {
    const g = eventStudyGeometry(
      {
        signalId: 's',
        market: 'm',
        onsets: 2,
        offsetsMs: [-60_000, 0, 60_000],
        meanReturn: [-0.01, 0, 0.02],
        counts: [2, 2, 2],
      },
      BOX,
    )
    // y range ±0.02: −0.01 → 110 − 25 = 85; 0 → 60; 0.02 → 10.
    expect(g.path).toBe('M10 85L60 60L110 10')
    expect(g.onsetX).toBe(60)
    expect(g.zeroY).toBe(60)
  })
})
