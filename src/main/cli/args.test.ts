import { describe, expect, it } from 'vitest'
import { numberOption, parseArgs, stringOption, UsageError } from './args'

describe('parseArgs', () => {
  it('reads positionals, --name value, --name=value and declared flags', () => {
    const a = parseArgs(
      ['import', 'a.csv', '--out', 's.radar', '--tz-offset=3', '--json', 'b.csv'],
      new Set(['json']),
    )
    expect(a.positionals).toEqual(['import', 'a.csv', 'b.csv'])
    expect(a.options.get('out')).toBe('s.radar')
    expect(a.options.get('tz-offset')).toBe('3')
    expect(a.options.get('json')).toBe(true)
  })

  it('treats an option followed by another option as a bare flag', () => {
    const a = parseArgs(['--verbose', '--port', '8080'])
    expect(a.options.get('verbose')).toBe(true)
    expect(a.options.get('port')).toBe('8080')
  })

  it('keeps everything after -- as positionals', () => {
    expect(parseArgs(['--', '--not-an-option']).positionals).toEqual(['--not-an-option'])
  })

  it('rejects a missing value and a non-numeric number with a usage error naming the option', () => {
    expect(() => stringOption(parseArgs(['--out']), 'out')).toThrow(new UsageError('--out needs a value'))
    expect(() => numberOption(parseArgs(['--port', 'abc']), 'port')).toThrow(
      '--port must be a number, got "abc"',
    )
    expect(numberOption(parseArgs(['--port', '8080']), 'port')).toBe(8080)
    expect(numberOption(parseArgs([]), 'port')).toBeUndefined()
  })
})
