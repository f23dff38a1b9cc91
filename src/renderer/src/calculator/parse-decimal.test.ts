import { describe, expect, it } from 'vitest'
import { parseDecimal } from './parse-decimal'

const value = (raw: string) => {
  const r = parseDecimal(raw)
  return r.ok ? r.value : r.message
}

describe('locale-safe decimal input', () => {
  it('reads a comma as a decimal mark, never as a thousands separator', () => {
    expect(value('1,5')).toBe(1.5)
    expect(value('0,25')).toBe(0.25)
    expect(value(',5')).toBe(0.5)
    expect(value('1.5')).toBe(1.5)
  })

  it('refuses a comma that could be either, naming both readings', () => {
    expect(value('1,500')).toBe(
      '"1,500" could be 1500 or 1.500: type it without a comma (use a dot for decimals)',
    )
    expect(value('1,5,0')).toMatch(/is not a number/)
  })

  it('reads thousands grouping only beside a dot decimal', () => {
    expect(value('12,345.6')).toBe(12345.6)
    expect(value('10 000')).toBe(10000)
  })

  it('keeps blank as missing and refuses text', () => {
    expect(value('  ')).toBeUndefined()
    expect(value('abc')).toBe('"abc" is not a number')
    expect(value('1e400')).toBe('"1e400" is too large')
    expect(value('0x10')).toBe('"0x10" is not a number')
  })
})
