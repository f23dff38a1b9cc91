import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { barsImporter } from '../../../src/main/engine/sessions/importers/bars'
import type { ImportResult } from '../../../src/main/engine/sessions/importers/types'
import type { MarketEvent } from '../../../src/shared/market-event'

/** The shared data beside the repository: <repo>/../shared/data. */
const DATA = resolve(__dirname, '../../../../shared/data/btc-derivatives-2026')
const HOURLY = `${DATA}/btc_hourly_2026-03-01_2026-06-02.csv`
const FIVE_A = `${DATA}/btc_binance_5m_2026-05-25_2026-06-08.csv`
const FIVE_B = `${DATA}/btc_binance_5m_2026-06-07_2026-06-22.csv`
const LIQ_30M = `${DATA}/btc_liquidations_30m_2026-03-01_2026-05-28.csv`

const ofType = <T extends MarketEvent['type']>(r: ImportResult, t: T) =>
  r.events.filter((e): e is Extract<MarketEvent, { type: T }> => e.type === t)

function csv(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'radar-bars-'))
  const p = join(dir, 'bars.csv')
  writeFileSync(p, text)
  return p
}

describe('bars importer on the shared 2026 BTC files', () => {
  it('reads the hourly CoinGlass layout: spot OHLC, funding in percent, OI in USD, three-venue liquidations', async () => {
    const r = await barsImporter.run([HOURLY], {})
    const candles = ofType(r, 'candle')
    const liqs = ofType(r, 'liquidationBar')
    expect(candles).toHaveLength(2234) // one per row (the source's README: 2,234 hourly bars)
    expect(liqs).toHaveLength(2234)
    // First row, 2026-03-01 00:00 UTC: 66973.26 / 67121.8 / 66620.5 / 66791.29, read by eye from the file.
    expect(candles[0]).toMatchObject({
      venue: 'binance',
      symbol: 'BTC/USDT',
      openTsMs: Date.UTC(2026, 2, 1, 0),
      exchangeTsMs: Date.UTC(2026, 2, 1, 1) - 1,
      intervalSec: 3600,
      open: 66973.26,
      high: 67121.8,
      low: 66620.5,
      close: 66791.29,
    })
    expect(liqs[0]).toMatchObject({
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      openTsMs: Date.UTC(2026, 2, 1, 0),
      intervalSec: 3600,
      longUsd: 501966.94297,
      shortUsd: 60942.42478,
      coveredVenues: ['binanceusdm', 'bybit', 'okx'],
    })
    const oi = ofType(r, 'openInterest')[0]!
    expect(oi.oiUsd).toBe(5174694140)
    expect(oi.oiContracts).toBeNull()
    const funding = ofType(r, 'funding')
    // funding_close 0.000246 % per 8 h = 0.00000246 as a fraction.
    expect(funding[0]!.fundingRatePerPeriod).toBeCloseTo(0.00000246, 12)
    expect(funding[0]!.settled).toBe(false)
    // The 07:00 bar ends at 08:00, a Binance settlement time: its close is the settled rate.
    const at7 = funding.find((f) => f.exchangeTsMs === Date.UTC(2026, 2, 1, 8) - 1)!
    expect(at7.settled).toBe(true)
    expect(at7.fundingIntervalHours).toBe(8)
    // The README's four missing hours: each a 2-hour step, each a gap of one bar.
    const gaps = ofType(r, 'gap')
    expect(gaps).toHaveLength(4)
    expect(gaps.every((g) => g.toTsMs - g.fromTsMs === 3_600_000)).toBe(true)
    expect(r.badRowCount).toBe(0)
  })

  it('reads the 5-minute Binance layout: fraction funding, overlapping bars once, zero liquidations as missing', async () => {
    const r = await barsImporter.run([FIVE_A, FIVE_B], {})
    const candles = ofType(r, 'candle')
    // 4,032 + 4,406 rows, 423 bars in both files (counted with a set of timestamps): 8,015 distinct bars.
    expect(candles).toHaveLength(8015)
    expect(r.stats.duplicateBarsDropped).toBe(423)
    expect(candles[0]).toMatchObject({ venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', intervalSec: 300 })
    expect(ofType(r, 'funding')[0]!.fundingRatePerPeriod).toBe(0.00003527)
    expect(ofType(r, 'openInterest')[0]!.oiUsd).toBe(7719003148.8787)
    expect(ofType(r, 'liquidationBar')).toHaveLength(0)
    expect(
      r.dataQuality.filter((n) => /liquidation columns are 0 in every row — read as missing/.test(n)),
    ).toHaveLength(2)
  })

  it('reads the 30-minute liquidation history as liquidation bars', async () => {
    const r = await barsImporter.run([LIQ_30M], {})
    const liqs = ofType(r, 'liquidationBar')
    expect(liqs).toHaveLength(4233)
    expect(liqs[1]).toMatchObject({
      openTsMs: Date.UTC(2026, 2, 1, 0, 30),
      exchangeTsMs: Date.UTC(2026, 2, 1, 1) - 1,
      intervalSec: 1800,
      longUsd: 453951.32487,
      shortUsd: 5210.0932,
    })
  })

  it('refuses a venue that contradicts the file before reading rows', async () => {
    await expect(barsImporter.run([HOURLY], { venue: 'bybit' })).rejects.toThrow(
      /--venue bybit contradicts the file/,
    )
  })
})

describe('bars importer on generic files', () => {
  const header =
    'time,open,high,low,close,volume,oi_usd,funding_rate,long_liquidation_usd,short_liquidation_usd\n'
  const opts = {
    venue: 'bybit' as const,
    symbol: 'ETH/USDT:USDT',
    fundingUnit: 'fraction' as const,
    fundingIntervalHours: 8,
  }

  it('skips each out-of-domain row with its line and keeps the valid ones', async () => {
    const t0 = Date.UTC(2026, 0, 1)
    const h = 3_600_000
    const row = (ts: number | string, o = '100', funding = '0.0001', oi = '5000', close = '101') =>
      `${ts},${o},102,99,${close},10,${oi},${funding},1000,2000\n`
    const p = csv(
      '\ufeff' +
        header +
        row(t0) + // 2 ok
        row(t0 + h) + // 3 ok
        row(t0 + h) + // 4 duplicate
        row(0) + // 5 time 0
        row((t0 + 2 * h) * 1000) + // 6 µs among ms
        row(86_400_000) + // 7 1970
        row(t0 + 2 * h, '0') + // 8 price 0
        row(t0 + 2 * h, '1e308') + // 9 absurd price
        row(t0 + 2 * h, '100', '5') + // 10 funding 500 %
        row(t0 + 2 * h, '100', '0.0001', '-1') + // 11 negative OI
        row(t0 + 2 * h, '100', '0.0001', '5000', '105') + // 12 close above high
        row(t0 + 2 * h), // 13 ok
    )
    const r = await barsImporter.run([p], opts)
    expect(ofType(r, 'candle').map((c) => c.openTsMs)).toEqual([t0, t0 + h, t0 + 2 * h])
    expect(r.stats.duplicateBarsDropped).toBe(1)
    expect(r.badRowCount).toBe(8)
    expect(r.badRows.map((b) => b.line)).toEqual([5, 6, 7, 8, 9, 10, 11, 12])
    expect(r.badRows[1]!.reason).toMatch(/in us but the file's times are in ms/)
    expect(r.badRows[5]!.reason).toMatch(/beyond any venue's cap/)
    expect(ofType(r, 'liquidationBar')[0]).toMatchObject({ longUsd: 1000, shortUsd: 2000, coveredVenues: [] })
  })

  it('maps other column names with --columns', async () => {
    const p = csv('open_time,c1,c2,c3,c4\n1767225600,1,2,0.5,1.5\n1767229200,1.5,2,1,1.2\n')
    const r = await barsImporter.run([p], {
      venue: 'okx',
      symbol: 'OP/USDT',
      columns: 'open=c1,high=c2,low=c3,close=c4',
    })
    const candles = ofType(r, 'candle')
    expect(candles.map((c) => [c.openTsMs, c.close])).toEqual([
      [Date.UTC(2026, 0, 1), 1.5],
      [Date.UTC(2026, 0, 1, 1), 1.2],
    ])
  })

  it('refuses files it cannot read, naming the file and what is missing', async () => {
    await expect(
      barsImporter.run(
        [csv(header + '1767225600000,1,1,1,1,1,1,0.1,0,0\n1767229200000,1,1,1,1,1,1,0.1,0,0\n')],
        {},
      ),
    ).rejects.toThrow(/bars\.csv: bars files name no venue; give --venue/)
    await expect(barsImporter.run([csv('a,b,c\n1,2,3\n')], opts)).rejects.toThrow(
      /bars\.csv:1: no time column/,
    )
    await expect(barsImporter.run([csv('timestamp,foo\n1,2\n')], opts)).rejects.toThrow(
      /no bar column recognised/,
    )
    const funding = csv('time,funding_rate\n1767225600000,0.01\n1767254400000,0.01\n')
    await expect(barsImporter.run([funding], { venue: 'okx', symbol: 'BTC/USDT:USDT' })).rejects.toThrow(
      /give --funding-unit percent\|fraction/,
    )
  })
})
