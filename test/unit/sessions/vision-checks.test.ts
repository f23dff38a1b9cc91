import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { binanceFuturesDataImporter } from '../../../src/main/engine/sessions/importers/binance-futures-data'
import { binanceVisionImporter } from '../../../src/main/engine/sessions/importers/binance-vision'
import type { MarketEvent } from '../../../src/shared/market-event'

function file(rel: string, text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'radar-vision-')), rel)
  mkdirSync(dirname(p), { recursive: true })
  writeFileSync(p, text)
  return p
}

const KLINE_HEADER =
  'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore'
/** Three 5-minute mark-price klines as data.binance.vision publishes them: volume 0, count 300 (one a second). */
const MARK_ROWS = [
  '1704067200000,42283.58,42301.10,42270.00,42290.12,0,1704067499999,0,300,0,0,0',
  '1704067500000,42290.12,42310.00,42280.50,42305.00,0,1704067799999,0,300,0,0,0',
  '1704067800000,42305.00,42306.70,42250.25,42260.80,0,1704068099999,0,300,0,0,0',
].join('\n')
const candles = (events: MarketEvent[]) =>
  events.filter((e): e is Extract<MarketEvent, { type: 'candle' }> => e.type === 'candle')

describe('Binance Vision kinds, checked', () => {
  it('mark-price klines filed as trade klines are refused, and read as mark candles from their folder', async () => {
    const asTrades = file(
      'futures/um/daily/klines/BTCUSDT/5m/BTCUSDT-5m-2024-01-01.csv',
      `${KLINE_HEADER}\n${MARK_ROWS}\n`,
    )
    await expect(binanceVisionImporter.run([asTrades], {})).rejects.toThrow(
      /volume 0 and the same count \(300\) in every row: these are mark, index or premium-index klines/,
    )
    const asMark = file(
      'futures/um/daily/markPriceKlines/BTCUSDT/5m/BTCUSDT-5m-2024-01-01.csv',
      `${KLINE_HEADER}\n${MARK_ROWS}\n`,
    )
    const c = candles((await binanceVisionImporter.run([asMark], {})).events)
    expect(c.map((x) => [x.priceKind, x.close, x.volumeBase])).toEqual([
      ['mark', 42290.12, null],
      ['mark', 42305, null],
      ['mark', 42260.8, null],
    ])
  })

  it('the bar size comes from the rows: hourly rows in a file named 1m stay hourly', async () => {
    const rows = [
      '1704067200000,42283.58,42500,42200,42400,120.5,1704070799999,5100000,15000,60,2550000,0',
      '1704070800000,42400,42450,42300,42350,80.25,1704074399999,3400000,11000,40,1700000,0',
    ].join('\n')
    const p = file(
      'futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.csv',
      `${KLINE_HEADER}\n${rows}\n`,
    )
    const r = await binanceVisionImporter.run([p], {})
    expect(candles(r.events).map((x) => x.intervalSec)).toEqual([3600, 3600])
    expect(r.dataQuality).toContain(
      'BTCUSDT-1m-2024-01-01.csv: the rows are 3600-second bars although the name says 60 s; read as 3600 s.',
    )
  })

  it('a crossed −1 % band and a band frozen for over an hour are noted', async () => {
    // bid band −1 %: 10 BTC for 430,000 USD = 43,000 a BTC; ask band +1 %: 10 BTC for 425,000 = 42,500: crossed.
    const snap = (t: string, bidNotional: number) =>
      [`${t},-1,10,${bidNotional}`, `${t},1,10,425000`].join('\n')
    const times = Array.from(
      { length: 14 },
      (_, i) =>
        `2024-01-01 ${String(Math.floor((i * 5) / 60)).padStart(2, '0')}:${String((i * 5) % 60).padStart(2, '0')}:00`,
    )
    const body = times.map((t, i) => snap(t, i < 2 ? 430000 : 420000 - i)).join('\n')
    const p = file(
      'futures/um/daily/bookDepth/BTCUSDT/BTCUSDT-bookDepth-2024-01-01.csv',
      `timestamp,percentage,depth,notional\n${body}\n`,
    )
    const r = await binanceVisionImporter.run([p], {})
    expect(r.dataQuality).toContain(
      'BTCUSDT-bookDepth-2024-01-01.csv: crossed book in 2 snapshot(s) from 2024-01-01 00:00 to 2024-01-01 00:05 UTC (the −1 % bid band priced at or above the +1 % ask band); depth there is not a book.',
    )
    // The +1 % band holds 10 / 425,000 in all 14 snapshots, 00:00 to 01:05.
    expect(r.dataQuality).toContain(
      'BTCUSDT-bookDepth-2024-01-01.csv: the +1 % band is frozen from 2024-01-01 00:00 to 2024-01-01 01:05 UTC (1.1 h of identical values).',
    )
  })

  it('futures-data rows an hour apart are read as hourly bars, not 5-minute ones', async () => {
    const row = (i: number, ts: number) =>
      `${i},${ts},80000,5000000000,1.2,0.55,0.45,1.3,0.56,0.44,1.1,0.52,0.48,1.05,100,105,62000,62100,61900,62050`
    const p = file(
      'BTCUSDT.csv',
      `,timestamp,sumOpenInterest,sumOpenInterestValue,topacclongShortRatio,toplongAccount,topshortAccount,topposlongShortRatio,longPosition,shortPosition,globallongShortRatio,globallongAccount,globalshortAccount,buySellRatio,sellVol,buyVol,openPrice,highPrice,lowPrice,closePrice\n${row(0, 1715284800000)}\n${row(1, 1715288400000)}\n`,
    )
    const r = await binanceFuturesDataImporter.run([p], {})
    const c = candles(r.events)
    expect(c.map((x) => [x.intervalSec, x.exchangeTsMs])).toEqual([
      [3600, 1715288400000 - 1],
      [3600, 1715292000000 - 1],
    ])
    expect(r.events.find((e) => e.type === 'takerVolume')).toMatchObject({ periodMinutes: 60 })
    expect(r.dataQuality).toContain('BTCUSDT: rows are 60 minutes apart; read as 60-minute bars.')
  })
})
