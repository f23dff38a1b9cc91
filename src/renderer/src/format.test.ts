import { describe, expect, it } from 'vitest'
import {
  decimalsOfTick,
  fmtDuration,
  fmtMetricValue,
  fmtPercentile,
  fmtPrice,
  fmtTime,
  fmtUsd,
} from './format'

describe('the one formatting module', () => {
  it('derives price decimals from the tick size', () => {
    expect(decimalsOfTick(0.0001)).toBe(4)
    expect(decimalsOfTick(0.1)).toBe(1)
    expect(decimalsOfTick(1)).toBe(0)
    expect(decimalsOfTick(5e-7)).toBe(7)
    expect(decimalsOfTick(0.25)).toBe(2)
    // OP trades with a 0.0001 tick: 2.3648 must not read 2.36.
    expect(fmtPrice(2.3648, 0.0001)).toBe('2.3648')
    expect(fmtPrice(61685.9, 0.1)).toBe('61,685.9')
  })

  it('never shows a missing value as zero or NaN', () => {
    expect(fmtPrice(Number.NaN)).toBe('n/a')
    expect(fmtUsd(null)).toBe('n/a')
    expect(fmtMetricValue('funding-apr', undefined)).toBe('n/a')
    expect(fmtDuration(-1)).toBe('n/a')
  })

  it('shows a percentile as a rank, never as a signed change', () => {
    expect(fmtPercentile(0.059)).toBe('6th pct')
    expect(fmtPercentile(0.11)).toBe('11th pct')
    expect(fmtPercentile(0.22)).toBe('22nd pct')
    expect(fmtMetricValue('lsi-self-pct', 0.059)).toBe('6th pct')
  })

  it('formats each metric by its registry format', () => {
    // 0.0001 per period = 0.01 % per period, four decimals.
    expect(fmtMetricValue('funding-rate', 0.0001)).toBe('0.0100 %')
    // 0.1095 APR = 10.95 %, unsigned.
    expect(fmtMetricValue('funding-apr', 0.1095)).toBe('10.95 %')
    expect(fmtMetricValue('oi-roc-24h', 0.0523)).toBe('+5.23 %')
    expect(fmtMetricValue('oi-usd', 4_717_094_612)).toBe('$4.72 B')
    expect(fmtMetricValue('basis-bps', 3.456)).toBe('3.46 bps')
  })

  it('rounds market times to the second, so a bar end and the next start read alike', () => {
    // 2024-05-12T13:59:59.999Z and 14:00:00.000Z
    expect(fmtTime(Date.UTC(2024, 4, 12, 14) - 1)).toBe('2024-05-12 14:00:00 UTC')
    expect(fmtTime(Date.UTC(2024, 4, 12, 14))).toBe('2024-05-12 14:00:00 UTC')
  })

  it('writes durations in the two largest units', () => {
    expect(fmtDuration(414_000)).toBe('6 min 54 s')
    expect(fmtDuration(6 * 86_400_000 + 23 * 3_600_000 + 5_000)).toBe('6 d 23 h')
  })
})
