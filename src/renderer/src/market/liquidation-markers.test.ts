import { describe, expect, it } from 'vitest'
import { liquidationMarkerSize } from './liquidation-markers'

describe('realized liquidation markers sized by USD', () => {
  it('scales with the square root of the share of the largest bucket', () => {
    expect(liquidationMarkerSize(1_000_000, 1_000_000)).toBeCloseTo(2.5, 12)
    // a quarter of the largest: 0.6 + 1.9 × 0.5 = 1.55
    expect(liquidationMarkerSize(250_000, 1_000_000)).toBeCloseTo(1.55, 12)
    expect(liquidationMarkerSize(0, 1_000_000)).toBe(0.6)
    expect(liquidationMarkerSize(5, 0)).toBe(0.6)
  })
})
