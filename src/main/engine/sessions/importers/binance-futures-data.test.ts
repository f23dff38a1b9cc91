import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type {
  CandleEvent,
  LongShortEvent,
  MarketEvent,
  OpenInterestEvent,
  TakerVolumeEvent,
} from '../../../../shared/market-event'
import { binanceFuturesDataImporter } from './binance-futures-data'
import type { ImportResult } from './types'

/** The recorded exchange data shared beside the repository (../shared/data). */
const SHARED_DATA = resolve(__dirname, '../../../../../../shared/data')

const BTC = SHARED_DATA + '/binance-futures-metrics/BTCUSDT.csv'
const at = <T extends MarketEvent>(r: ImportResult, type: T['type'], ts: number) =>
  r.events.filter((e) => e.type === type && e.exchangeTsMs === ts) as T[]

describe('binance-futures-data importer on BTCUSDT.csv', () => {
  let r: ImportResult
  beforeAll(async () => {
    r = await binanceFuturesDataImporter.run([BTC], {})
  })

  it('collapses duplicate rows to one bar per timestamp and reports how many were merged', () => {
    // 5,730 lines = header + 5,729 rows; README: 2,005 distinct bars -> 5,729 − 2,005 = 3,724 merged.
    expect(r.stats['BTCUSDT.rows']).toBe(5729)
    expect(r.stats['BTCUSDT.bars']).toBe(2005)
    expect(r.stats['BTCUSDT.duplicateRowsMerged']).toBe(3724)
    expect(r.events.filter((e) => e.type === 'openInterest')).toHaveLength(2005 - countOiEmptyBars())
  })

  it('keeps the complete row of a bar that also has a partial row (2024-05-12 14:40)', () => {
    // line 796: 794,1715524800000,,,,,,,,,,,,0.5843,127.282,74.372,,,,            (partial)
    // line 797: 795,1715524800000,70171.119,4292528742.8037,1.9665,...,61172.3,61179.4,61140.16663121,61145.80590071
    const [oi] = at<OpenInterestEvent>(r, 'openInterest', 1715524800000)
    expect(oi).toMatchObject({ symbol: 'BTC/USDT:USDT', oiBase: 70171.119, oiUsd: 4292528742.8037 })
    const [tv] = at<TakerVolumeEvent>(r, 'takerVolume', 1715524800000)
    expect(tv).toMatchObject({ buyVolBase: 74.372, sellVolBase: 127.282, periodMinutes: 5 })
    // The candle is stamped at its close: 1715524800000 + 300000 − 1.
    const [c] = at<CandleEvent>(r, 'candle', 1715525099999)
    expect(c).toMatchObject({
      openTsMs: 1715524800000,
      open: 61172.3,
      high: 61179.4,
      low: 61140.16663121,
      close: 61145.80590071,
    })
  })

  it('leaves empty fields missing: no taker volume, no candle on the first day; a partial row gives only what it has', () => {
    // line 2: 0,1715286900000,69688.993,4348984183.19738,1.7747,0.6396,0.3604,1.1648,0.5381,0.4619,1.8369,0.6475,0.3525,,,,,,,
    expect(at(r, 'takerVolume', 1715286900000)).toEqual([])
    expect(r.events.some((e) => e.type === 'candle' && e.openTsMs === 1715286900000)).toBe(false)
    const ls = at<LongShortEvent>(r, 'longShort', 1715286900000)
    expect(ls.map((e) => [e.kind, e.ratio, e.longShare, e.shortShare])).toEqual([
      ['topAccounts', 1.7747, 0.6396, 0.3604],
      ['topPositions', 1.1648, 0.5381, 0.4619],
      ['globalAccounts', 1.8369, 0.6475, 0.3525],
    ])
    // line 288: 286,1715372700000,72309.289,4386334168.826433,,,,,,,,,,0.8824,186.746,164.79,,,,  (alone for its bar)
    expect(at(r, 'longShort', 1715372700000)).toEqual([])
    expect(at<TakerVolumeEvent>(r, 'takerVolume', 1715372700000)[0]).toMatchObject({
      buyVolBase: 164.79,
      sellVolBase: 186.746,
    })
    // 2024-05-09 20:35 → 2024-05-10 20:20 is 23 h 45 min = 285 steps of 5 min = 286 bars without taker volume.
    expect(r.dataQuality).toContain(
      'BTCUSDT: taker buy/sell volumes are empty 2024-05-09 20:35 → 2024-05-10 20:20 UTC (286 bars), 2024-05-16 19:35 → 2024-05-16 19:35 UTC (1 bar).',
    )
    expect(r.events.filter((e) => e.type === 'takerVolume')[0]!.exchangeTsMs).toBe(1715372700000)
  })

  it('drops position ratios that copy the account ratios and records the span as a data-quality note', () => {
    // 2024-05-13 08:15 (1715588100000): 1.6399,0.6212,0.3788 in both account and position columns.
    expect(at<LongShortEvent>(r, 'longShort', 1715588100000).map((e) => e.kind)).toEqual([
      'topAccounts',
      'globalAccounts',
    ])
    // 2024-05-13 09:20 (1715592000000): account 1.4468 vs position 1.2002,0.5455,0.4545 — real again.
    const pos = at<LongShortEvent>(r, 'longShort', 1715592000000).find((e) => e.kind === 'topPositions')
    expect(pos).toMatchObject({ ratio: 1.2002, longShare: 0.5455, shortShare: 0.4545 })
    const note = r.dataQuality.find((n) =>
      n.startsWith('BTCUSDT: top-trader position ratio columns are copies'),
    )
    expect(note).toContain('→ 2024-05-13 09:15 UTC')
  })

  it('counts bad rows with their line numbers and imports the rest', async () => {
    const lines = readFileSync(BTC, 'utf8').split('\n').slice(0, 6)
    lines.splice(3, 0, 'x,notatime,1,2', '9,1715287800000,abc,1,1,1,1,1,1,1,1,1,1,,,,,,,')
    const path = join(mkdtempSync(join(tmpdir(), 'radar-bfd-')), 'BTCUSDT.csv')
    writeFileSync(path, lines.join('\n'))
    const bad = await binanceFuturesDataImporter.run([path], {})
    expect(bad.badRowCount).toBe(2)
    expect(bad.badRows).toEqual([
      { file: 'BTCUSDT.csv', line: 4, reason: 'expected 20 fields, found 4' },
      { file: 'BTCUSDT.csv', line: 5, reason: 'sumOpenInterest (3 characters) is not a number' },
    ])
    expect(bad.stats['BTCUSDT.bars']).toBe(5) // the five good data rows of lines 2, 3, 6, 7, 8
  })
})

/** Bars whose OI fields are both empty: counted straight from the file, independent of the importer. */
function countOiEmptyBars(): number {
  const best = new Map<string, boolean>()
  for (const line of readFileSync(BTC, 'utf8').trim().split('\n').slice(1)) {
    const f = line.split(',')
    const hasOi = f[2] !== '' || f[3] !== ''
    best.set(f[1]!, (best.get(f[1]!) ?? false) || hasOi)
  }
  return [...best.values()].filter((v) => !v).length
}
