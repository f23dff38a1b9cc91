import { describe, expect, it } from 'vitest'
import { fmtBytes, fmtClock, fmtDuration, fmtSpan } from '../format'
import { isWarningNote } from './session-format'

describe('session formatting', () => {
  it('sizes in binary units', () => {
    expect(fmtBytes(512)).toBe('512 B')
    // 1536 / 1024 = 1.5 KiB
    expect(fmtBytes(1536)).toBe('1.50 KiB')
    // 3 * 1024 * 1024 = 3145728 → 3.00 MiB; 20 MiB keeps one decimal
    expect(fmtBytes(3145728)).toBe('3.00 MiB')
    expect(fmtBytes(20 * 1048576)).toBe('20.0 MiB')
    expect(fmtBytes(null)).toBe('n/a')
  })

  it('durations as the two largest units', () => {
    // 00:00:00 → 00:06:54 = 414 s = 6 min 54 s
    expect(fmtDuration(414_000)).toBe('6 min 54 s')
    // 2024-05-09 20:35 → 05-16 19:35 = 6 d 23 h
    expect(fmtDuration(Date.UTC(2024, 4, 16, 19, 35) - Date.UTC(2024, 4, 9, 20, 35))).toBe('6 d 23 h')
    expect(fmtDuration(3_600_000)).toBe('1 h')
    expect(fmtDuration(250)).toBe('250 ms')
    expect(fmtDuration(-1)).toBe('n/a')
  })

  it('spans in UTC, the end without its date on the same day', () => {
    expect(fmtSpan(Date.UTC(2023, 3, 5, 0, 0, 0), Date.UTC(2023, 3, 5, 0, 6, 54))).toBe(
      '2023-04-05 00:00:00 → 00:06:54 UTC',
    )
    expect(fmtSpan(Date.UTC(2024, 7, 8, 23, 54), Date.UTC(2024, 7, 9, 0, 5))).toBe(
      '2024-08-08 23:54:00 → 2024-08-09 00:05:00 UTC',
    )
    expect(fmtSpan(null, 5)).toBe('span unknown')
  })

  it('the clock shows milliseconds in UTC', () => {
    // 1680652800000 = 2023-04-05T00:00:00Z; + 1234 ms
    expect(fmtClock(1680652801234)).toEqual({ date: '2023-04-05', time: '00:00:01.234' })
    expect(fmtClock(null).time).toBe('--:--:--.---')
  })

  it('flags notes a trader must heed', () => {
    expect(isWarningNote('Recording was cut short at 12:00:01 UTC')).toBe(true)
    expect(isWarningNote('top-trader position ratio columns are copies of the account ratios until …')).toBe(
      true,
    )
    expect(isWarningNote('OPUSDT: taker buy/sell volumes are empty 2024-05-09 20:35 → 05-10 20:30.')).toBe(
      true,
    )
    expect(isWarningNote("a.csv: 3 funding times fall off binance's schedule; imported as given.")).toBe(true)
    expect(isWarningNote('3,702 duplicate rows merged')).toBe(false)
    expect(isWarningNote('OHLC bars are read as 5-minute klines opening at the row timestamp.')).toBe(false)
  })
})
