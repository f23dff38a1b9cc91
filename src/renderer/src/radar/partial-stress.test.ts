import { describe, expect, it } from 'vitest'
import type { Metric } from '../../../shared/scoring/snapshot'
import { partialStressText } from './partial-stress'

const lsi = (coverage: Metric['coverage'], value: number | null = null): Metric => ({
  value,
  unit: 'score 0-100',
  sufficient: value !== null,
  reason: null,
  asOfMs: 0,
  coverage,
})

describe('the partial stress figure of a radar row', () => {
  it('shows the figure over the inputs present, rounded, with how many of the inputs that is', () => {
    const m = lsi({ present: 2, total: 6, weightShare: 0.35, partial: true, partialValue: 18.49 })
    expect(partialStressText(m)).toBe('~18 · 2/6 inputs')
  })

  it('shows nothing for a whole index, an index without any input, or no index', () => {
    expect(
      partialStressText(lsi({ present: 6, total: 6, weightShare: 1, partial: false, partialValue: 41 }, 41)),
    ).toBeNull()
    expect(
      partialStressText(lsi({ present: 0, total: 6, weightShare: 0, partial: true, partialValue: null })),
    ).toBeNull()
    expect(partialStressText(undefined)).toBeNull()
  })
})
