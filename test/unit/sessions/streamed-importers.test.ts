import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { binanceFuturesDataImporter } from '../../../src/main/engine/sessions/importers/binance-futures-data'
import { binanceVisionImporter } from '../../../src/main/engine/sessions/importers/binance-vision'
import { binanceWsImporter } from '../../../src/main/engine/sessions/importers/binance-ws'
import { METRIC_COLUMNS } from '../../../src/main/engine/sessions/importers/futures-metrics-columns'
import { MAX_INPUT_BYTES } from '../../../src/main/engine/sessions/importers/input-files'

function file(rel: string, data: string | Buffer): string {
  const p = join(mkdtempSync(join(tmpdir(), 'radar-streamed-')), rel)
  mkdirSync(dirname(p), { recursive: true })
  writeFileSync(p, data)
  return p
}

const KLINE_HEADER =
  'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore'
const START = 1704067200000 // 2024-01-01 00:00 UTC
/** `n` one-minute klines with volume 0 and count 60; the row `traded` (if any) has volume 2.5. */
function klines(n: number, traded: number | null): string {
  const rows = [KLINE_HEADER]
  for (let i = 0; i < n; i++) {
    const open = START + i * 60_000
    const vol = i === traded ? '2.5' : '0'
    rows.push(`${open},100,101,99,100.5,${vol},${open + 59_999},0,60,0,0,0`)
  }
  return `${rows.join('\n')}\n`
}

describe('importers read their files as streams', () => {
  it('every streamed format takes files beyond the old whole-file limits', () => {
    for (const f of ['binance-ws', 'binance-vision', 'binance-futures-data', 'funding-csv'])
      expect(MAX_INPUT_BYTES[f]).toBeGreaterThanOrEqual(64 * 1024 ** 3)
  })

  it('the mark-kline check reads the whole file ahead: a traded row 90 rows in keeps it a trade file', async () => {
    const path = 'futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.csv'
    await expect(binanceVisionImporter.run([file(path, klines(100, null))], {})).rejects.toThrow(
      /volume 0 and the same count \(60\) in every row/,
    )
    const r = await binanceVisionImporter.run([file(path, klines(100, 90))], {})
    const c = r.events.filter((e) => e.type === 'candle')
    expect(c).toHaveLength(100)
    expect(c[90]).toMatchObject({ priceKind: 'last', openTsMs: START + 90 * 60_000, volumeBase: 2.5 })
  })

  it('a gzip WebSocket log: lines numbered through the stream, a bad line counted, the rest imported', async () => {
    const lines = [
      '1680652800100000 {"stream":"btcusdt@trade","data":{"e":"trade","E":1680652800090,"s":"BTCUSDT","t":1,"p":"28100.5","q":"0.010","T":1680652800089,"m":false,"X":"MARKET"}}',
      'garbage',
      '1680652800200000 {"stream":"btcusdt@trade","data":{"e":"trade","E":1680652800190,"s":"BTCUSDT","t":2,"p":"28100.0","q":"0.500","T":1680652800189,"m":true,"X":"ADL"}}',
    ]
    const p = file('usdm/btcusdt_20230405.dat.gz', gzipSync(`${lines.join('\n')}\n`))
    const r = await binanceWsImporter.run([p], {})
    expect(r.badRows).toEqual([{ file: 'btcusdt_20230405.dat.gz', line: 2, reason: 'no receive stamp' }])
    expect(r.events.map((e) => [e.type, e.exchangeTsMs])).toEqual([
      ['trade', 1680652800089],
      ['trade', 1680652800189],
      ['liquidation', 1680652800189],
    ])
    // The ADL fill: taker sell (m true) closes a long; 0.5 BTC × 28,100 = 14,050 USD.
    expect(r.events[2]).toMatchObject({ positionSide: 'long', qtyBase: 0.5, usd: 14050 })
  })

  it('futures-data rows streamed from gzip: a bar polled twice is one bar, the fuller row kept', async () => {
    // The published layout: an unnamed index column, timestamp, then 18 value columns (OI first).
    const header = `,timestamp,${METRIC_COLUMNS.join(',')}`
    const empty = ','.repeat(METRIC_COLUMNS.length - 5)
    const rows = [
      `0,${START},100,4200000,,,${empty}`,
      `1,${START},100,4200000,1.5,0.6,0.4${empty}`,
      `2,${START + 300_000},110,4620000,1.5,0.6,0.4${empty}`,
    ]
    const p = file('BTCUSDT.csv.gz', gzipSync(`${header}\n${rows.join('\n')}\n`))
    const r = await binanceFuturesDataImporter.run([p], {})
    expect(r.stats['BTCUSDT.duplicateRowsMerged']).toBe(1)
    expect(r.events.filter((e) => e.type === 'longShort')).toHaveLength(2)
    expect(r.events.filter((e) => e.type === 'openInterest').map((e) => e.exchangeTsMs)).toEqual([
      START,
      START + 300_000,
    ])
  })
})
