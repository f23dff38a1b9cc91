import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FundingEvent } from '../../../../shared/market-event'
import { fundingCsvImporter } from './funding-csv'

/** The recorded exchange data shared beside the repository (../shared/data). */
const SHARED_DATA = resolve(__dirname, '../../../../../../shared/data')

const H = SHARED_DATA + '/funding-history/BTC-USDT/'
const BINANCE = `${H}BTC-USDT_binance_2020-01-01_2024-01-01_funding_history.csv`

describe('funding-csv importer', () => {
  it('refuses UTC for the binance file (rows at 03/11/19) and names +3 as the offset that fits', async () => {
    await expect(
      fundingCsvImporter.run([BINANCE], { sourceVenue: 'binance', tzOffsetHours: 0 }),
    ).rejects.toThrow(
      /only 0 of 4383 times fall on binance's funding schedule \(00:00\/08:00\/16:00 UTC\) with --tz-offset \+0; --tz-offset \+3 would fit .*Nothing was imported/,
    )
  })

  it('imports it with --tz-offset +3: 03:00 local is the 00:00 UTC settlement', async () => {
    const r = await fundingCsvImporter.run([BINANCE], { sourceVenue: 'binance', tzOffsetHours: 3 })
    // 4 years × 365.25 d × 3 settlements = 1,461 days × 3 = 4,383 rows.
    expect(r.events).toHaveLength(4383)
    // Line 2: BTC-USDT,2020-01-01 03:00:00.000,-0.00012359
    expect(r.events[0] as FundingEvent).toEqual({
      type: 'funding',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      exchangeTsMs: Date.UTC(2020, 0, 1, 0),
      receiveTsMs: Date.UTC(2020, 0, 1, 0),
      fundingRatePerPeriod: -0.00012359,
      fundingIntervalHours: 8,
      nextFundingTsMs: null,
      predictedRatePerPeriod: null,
      settled: true,
    })
  })

  it('knows kucoin settles at 04/12/20 UTC: its 07/15/23 rows need +3 too', async () => {
    const kucoin = `${H}BTC-USDT_kucoin_2021-01-01_2024-01-01_funding_history.csv`
    await expect(
      fundingCsvImporter.run([kucoin], { sourceVenue: 'kucoin', tzOffsetHours: 0 }),
    ).rejects.toThrow(/--tz-offset \+3 would fit/)
    // The times fit under +3, but kucoin is not a venue the radar reads: refused with that reason instead.
    await expect(
      fundingCsvImporter.run([kucoin], { sourceVenue: 'kucoin', tzOffsetHours: 3 }),
    ).rejects.toThrow(/not a venue the radar reads/)
  })

  it('accepts gate at UTC (rows at 00/08/16) when filed under a radar venue', async () => {
    const gate = `${H}BTC-USDT_gate_2020-01-01_2024-01-01_funding_history.csv`
    const r = await fundingCsvImporter.run([gate], { sourceVenue: 'gate', tzOffsetHours: 0, venue: 'okx' })
    // Line 2: BTC-USDT,2020-01-01 00:00:00,0.0001
    expect(r.events[0]).toMatchObject({ exchangeTsMs: Date.UTC(2020, 0, 1, 0), fundingRatePerPeriod: 0.0001 })
  })

  it('counts bad rows with line numbers and imports the rest', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'radar-fund-')), 'f.csv')
    writeFileSync(
      path,
      [
        'Symbol,Date,Funding Rate',
        'BTC-USDT,2023-01-01 03:00:00,0.0001',
        'BTC-USDT,yesterday,0.0001',
        'BTC-USDT,2023-01-01 11:00:00,',
        'BTC-USDT,2023-01-01 19:00:00,-0.0002',
      ].join('\n'),
    )
    const r = await fundingCsvImporter.run([path], { sourceVenue: 'binance', tzOffsetHours: 3 })
    expect(r.badRowCount).toBe(2)
    expect(r.badRows.map((b) => b.line)).toEqual([3, 4])
    expect(r.events.map((e) => e.exchangeTsMs)).toEqual([Date.UTC(2023, 0, 1, 0), Date.UTC(2023, 0, 1, 16)])
  })
})
