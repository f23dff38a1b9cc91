import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../run-cli'
import { exportCommand } from './export'
import { importCommand } from './import'
import { replayCommand } from './replay'

/** The recorded exchange data shared beside the repository (../shared/data). */
const SHARED_DATA = resolve(__dirname, '../../../../../shared/data')

const commands = [importCommand, replayCommand, exportCommand]
const DATA = SHARED_DATA

async function radar(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, commands, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readStdin: async () => '',
  })
  return { code, stdout, stderr }
}

describe('radar import / replay / export', () => {
  it('an unknown format is a usage error listing the formats', async () => {
    const r = await radar('import', 'kraken-csv', 'x.csv', '--out', 'x.radar')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'unknown format "kraken-csv"; formats: binance-ws, binance-vision, binance-futures-data, tardis, funding-csv, bars',
    )
  })

  it('funding-csv with the wrong offset stops with the offset that fits and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'radar-cli-')), 'f.radar')
    const file = `${DATA}/funding-history/ETH-USDT/ETH-USDT_binance_2020-01-01_2024-01-01_funding_history.csv`
    const r = await radar(
      'import',
      'funding-csv',
      file,
      '--venue',
      'binance',
      '--tz-offset',
      '0',
      '--out',
      out,
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/--tz-offset \+3 would fit/)
    expect(existsSync(out)).toBe(false)
  })

  it('imports the futures-metrics week with a progress bar, replays it to JSON and exports CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-cli-'))
    const out = join(dir, 'week.radar')
    const files = ['BTCUSDT', 'ETHUSDT', 'OPUSDT'].map((s) => `${DATA}/binance-futures-metrics/${s}.csv`)
    const imp = await radar('import', 'binance-futures-data', ...files, '--out', out)
    expect(imp.code).toBe(0)
    expect(imp.stderr).toMatch(/\[#{30}\] 100%/)
    expect(imp.stdout).toContain('BTCUSDT.duplicateRowsMerged: 3724')

    const rep = await radar('replay', out, '--speed', 'max', '--report', 'json')
    expect(rep.code).toBe(0)
    const report = JSON.parse(rep.stdout) as {
      markets: { key: string; lastPrice: number | null }[]
      summary: { events: number; spanMs: number }
    }
    expect(report.markets.map((m) => m.key)).toEqual([
      'binanceusdm:BTC/USDT:USDT',
      'binanceusdm:ETH/USDT:USDT',
      'binanceusdm:OP/USDT:USDT',
    ])
    // First bar 2024-05-09 20:35, last candle closes 2024-05-16 19:39:59.999: 6 d 23 h 5 min − 1 ms.
    expect(report.summary.spanMs).toBe(((6 * 24 + 23) * 60 + 5) * 60_000 - 1)

    const exp = await radar('export', out, '--format', 'csv', '--out', join(dir, 'csv'), '--every', '3600')
    expect(exp.code).toBe(0)
    const oi = readFileSync(join(dir, 'csv', 'openInterest.csv'), 'utf8').split('\n')
    expect(oi[0]).toBe('exchangeTsMs,receiveTsMs,venue,symbol,oiContracts,oiBase,oiUsd')
    // BTCUSDT.csv line 2: 0,1715286900000,69688.993,4348984183.19738,...
    expect(oi[1]).toBe(
      '1715286900000,1715286900000,binanceusdm,BTC/USDT:USDT,69688.993,69688.993,4348984183.19738',
    )
    expect(readFileSync(join(dir, 'csv', 'metrics.csv'), 'utf8').split('\n')[0]).toMatch(
      /^tsMs,market,asOfMs,lastPrice,eventCount,/,
    )
  })

  it('exports Parquet that an independent reader reads back with the source values', async () => {
    const session = resolve(
      __dirname,
      '../../../../resources/samples/binance-futures-metrics-2024-05-09-week.radar',
    )
    const dir = mkdtempSync(join(tmpdir(), 'radar-parquet-'))
    const exp = await radar('export', session, '--format', 'parquet', '--out', dir, '--every', '86400')
    expect(exp.code).toBe(0)
    const { asyncBufferFromFile, parquetReadObjects } = await import('hyparquet')
    const rows = (await parquetReadObjects({
      file: await asyncBufferFromFile(join(dir, 'openInterest.parquet')),
    })) as Record<string, unknown>[]
    // BTCUSDT.csv line 2: 0,1715286900000,69688.993,4348984183.19738,... (first bar, BTC sorts first at that time)
    expect(rows[0]).toEqual({
      // Epoch-millisecond columns are Parquet timestamps: 1715286900000 ms = 2024-05-09 20:35 UTC.
      exchangeTsMs: new Date('2024-05-09T20:35:00Z'),
      receiveTsMs: new Date('2024-05-09T20:35:00Z'),
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      oiContracts: 69688.993,
      oiBase: 69688.993,
      oiUsd: 4348984183.19738,
    })
    expect(existsSync(join(dir, 'metrics.parquet'))).toBe(true)
  })

  it('an unknown export format is a usage error', async () => {
    const r = await radar('export', 'x.radar', '--format', 'xlsx', '--out', '/tmp/x')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--format must be csv or parquet, got "xlsx"')
  })
})
