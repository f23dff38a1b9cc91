import { describe, expect, it } from 'vitest'
import { parseArgs } from './args'
import { vpinOverrides } from './vpin-options'

describe('VPIN options', () => {
  it('become the scoring overrides Settings → Thresholds saves', () => {
    expect(vpinOverrides(parseArgs(['--vpin-buckets', '96', '--vpin-window', '30']))).toEqual({
      vpinBucketsPerDay: 96,
      vpinWindowBuckets: 30,
    })
    expect(vpinOverrides(parseArgs([]))).toEqual({})
  })

  it('refuse what is not a whole number of buckets, naming the option', () => {
    expect(() => vpinOverrides(parseArgs(['--vpin-window', '0']))).toThrow(
      '--vpin-window must be a whole number ≥ 1, got 0',
    )
    expect(() => vpinOverrides(parseArgs(['--vpin-buckets', '2.5']))).toThrow(
      '--vpin-buckets must be a whole number ≥ 1, got 2.5',
    )
    expect(() => vpinOverrides(parseArgs(['--vpin-buckets', 'many']))).toThrow(
      '--vpin-buckets must be a number, got "many"',
    )
  })
})
