import { describe, expect, it } from 'vitest'
import { labelName, labelValueText } from './label-names'

describe('label names', () => {
  it('names known labels in words and falls back to the id’s words, never the raw id', () => {
    expect(labelName('ls-extreme')).toBe('Long/short extreme')
    expect(labelName('oi-quadrant')).toBe('Price × OI quadrant')
    expect(labelName('new-label_x')).toBe('New label x')
    expect(labelValueText('long-extreme')).toBe('long extreme')
    expect(labelValueText('Rising Fast')).toBe('Rising Fast')
  })
})
