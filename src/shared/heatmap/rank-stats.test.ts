import { describe, expect, it } from 'vitest'
import { averageRanks, blockBootstrap, spearman } from './rank-stats'

describe('rank statistics', () => {
  it('gives tied values their average rank', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4])
    expect(averageRanks([3, 1, 2])).toEqual([3, 1, 2])
  })

  it("matches Spearman's ρ of a published example", () => {
    // Wikipedia, "Spearman's rank correlation coefficient": IQ against hours of TV per week, ρ = −29/165.
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110]
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17]
    expect(spearman(iq, tv)).toBeCloseTo(-29 / 165, 12)
  })

  it('has no ρ for a constant side or fewer than three pairs', () => {
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNull()
    expect(spearman([1, 2], [1, 2])).toBeNull()
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow(/3 values against 2/)
  })

  it('draws whole blocks: the interval of a block share spans what two-block resamples can give', () => {
    // Two blocks of two rows; the share of rows from block 0 in a resample of two blocks is 0, 0.5 or 1
    // with probabilities 1/4, 1/2, 1/4: the 2.5 % and 97.5 % quantiles are 0 and 1.
    const [ci] = blockBootstrap(
      [
        [0, 1],
        [2, 3],
      ],
      (rows) => [rows.filter((r) => r < 2).length / rows.length],
      400,
      7,
    )
    expect(ci).toEqual({ lo: 0, hi: 1 })
  })
})
