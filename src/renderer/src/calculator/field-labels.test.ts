import { describe, expect, it } from 'vitest'
import { plainError } from './field-labels'

describe('calculator errors in the form’s words', () => {
  it('names the field by its label and turns raw names into words', () => {
    expect(
      plainError({ field: 'position.riskPercent', message: 'riskPercent is a percent ≤ 100' }, 'cross'),
    ).toEqual({ label: 'Risk per trade', message: 'risk per trade is a percent ≤ 100' })
    expect(plainError({ field: 'walletBalance', message: 'is required in cross mode' }, 'cross').label).toBe(
      'Wallet balance',
    )
    expect(
      plainError({ field: 'otherPositions[1].markPrice', message: 'markPrice must be above 0' }, 'cross'),
    ).toEqual({ label: 'Other position 2: mark price', message: 'mark price must be above 0' })
  })
})
