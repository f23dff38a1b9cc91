import { describe, expect, it } from 'vitest'
import { parseHeatmapDraft } from './heatmap-assumptions'

const draft = (weights: string[]) => ({
  levels: weights.map((w, i) => ({ leverage: String((i + 1) * 10), weight: w })),
  cellPct: '0.1',
  decayHalfLifeHours: '48',
  positionNotionalUsd: '5000',
})

describe('parseHeatmapDraft', () => {
  it('turns percent weights into fractions when they add up to 100 %', () => {
    expect(parseHeatmapDraft(draft(['60', '40'])).value?.levels).toEqual([
      { leverage: 10, weight: 0.6 },
      { leverage: 20, weight: 0.4 },
    ])
  })

  it('names what is wrong instead of saving: weights 60 + 30 = 90 %, a blank cell size', () => {
    const r = parseHeatmapDraft({ ...draft(['60', '30']), cellPct: ' ' })
    expect(r.value).toBeNull()
    expect(r.errors).toEqual([
      'weights add up to 90.0 %, not 100 %',
      'cell size must be above 0 and at most 5 %',
    ])
  })
})
