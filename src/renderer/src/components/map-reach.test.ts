import { describe, expect, it } from 'vitest'
import { fmtReach } from './map-reach'

describe('map reach', () => {
  it('states the span in days, hours or minutes', () => {
    // 2,005 five-minute bars (the recorded futures-metrics week): 2,005 × 300 s = 601,500 s = 6.96 d.
    expect(fmtReach(2005 * 300)).toBe('7.0 d')
    expect(fmtReach(30 * 86_400)).toBe('30 d')
    expect(fmtReach(6 * 3600 + 600)).toBe('6 h')
    expect(fmtReach(45 * 60)).toBe('45 min')
  })
})
