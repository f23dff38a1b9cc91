import { describe, expect, it } from 'vitest'
import { readBarsCsv } from './bars-csv'

const HEADER =
  'timestamp,datetime_utc,price_open,price_high,price_low,price_close,liquidation_long_usd,liquidation_short_usd,oi_close'
const OPTS = {
  venue: 'binanceusdm',
  symbol: 'BTC/USDT:USDT',
  liquidationVenues: ['binanceusdm', 'bybit'],
} as const

describe('bars CSV reader', () => {
  it('turns each row into a candle, open interest and the bar’s liquidation totals, stamped at its end', () => {
    const r = readBarsCsv(
      [
        HEADER,
        '3600000,x,100,102,99,101,500,20,1010000',
        '7200000,x,101,101,95,96,9000,0,960000',
        '10800000,x,96,abc,95,96,0,0,1',
        '10800000,x,96,97,95,90,0,0,1',
      ].join('\n'),
      { ...OPTS, liquidationVenues: [...OPTS.liquidationVenues] },
    )
    expect(r.bars).toBe(2)
    expect(r.barMs).toBe(3_600_000)
    expect(r.badRows).toEqual([
      'line 4: price_high "abc" is not a number',
      'line 5: prices open 96 high 97 low 95 close 90 are not a bar',
    ])
    const [candle, oi, liq] = r.events
    expect(candle).toMatchObject({ type: 'candle', openTsMs: 3_600_000, exchangeTsMs: 7_199_999, low: 99 })
    // 1,010,000 USD at a close of 101 = 10,000 contracts.
    expect(oi).toMatchObject({ type: 'openInterest', oiUsd: 1_010_000, oiBase: 10_000 })
    expect(liq).toMatchObject({ type: 'liquidationBar', longUsd: 500, shortUsd: 20, intervalSec: 3600 })
  })

  it('takes all-zero liquidation columns as missing, not as zero', () => {
    const r = readBarsCsv([HEADER, '300000,x,1,1,1,1,0,0,5', '600000,x,1,1,1,1,0,0,5'].join('\n'), {
      ...OPTS,
      liquidationVenues: [],
    })
    expect(r.liquidationsMissing).toBe(true)
    expect(r.events.some((e) => e.type === 'liquidationBar')).toBe(false)
    expect(r.notes[0]).toMatch(/missing/)
  })

  it('names the columns a file lacks', () => {
    expect(() => readBarsCsv('timestamp,price_open\n', { ...OPTS, liquidationVenues: [] })).toThrow(
      /lacks price_high, price_low, price_close, liquidation_long_usd, liquidation_short_usd, oi_close/,
    )
  })
})
