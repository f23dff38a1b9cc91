import { describe, expect, it } from 'vitest'
import { overrideGroup, overrideLabel } from './override-labels'

describe('thresholds in words', () => {
  it('names a key, takes its unit from its last word and groups it by metric family', () => {
    expect(overrideLabel('fundingHistoryDays')).toEqual({ name: 'Funding history', unit: 'd' })
    expect(overrideLabel('cascadeMinUsd')).toEqual({ name: 'Cascade min', unit: 'USD' })
    expect(overrideLabel('fundingRegimePercentiles.0')).toEqual({
      name: 'Funding regime percentiles #1',
      unit: null,
    })
    expect(overrideLabel('lsiWeights.fundingStress')).toEqual({
      name: 'Lsi weights · funding stress',
      unit: null,
    })
    expect(overrideGroup('oiRegimeThreshold').name).toBe('Open interest')
    expect(overrideGroup('vpinBucketsPerDay').name).toBe('Order flow (VPIN)')
    expect(overrideGroup('somethingNew').name).toBe('Other')
  })
})
