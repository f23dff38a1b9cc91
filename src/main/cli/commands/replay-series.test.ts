import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../args'
import { runCli } from '../run-cli'
import { parseDurationMs } from './duration'
import { replayCommand } from './replay'

const TICKS = resolve(__dirname, '../../../../resources/samples/binance-btcusdt-2023-04-05.radar')

describe('session-time steps (--every)', () => {
  it('takes durations with their unit; a bare number is seconds', () => {
    expect(parseDurationMs('1h', 'every')).toBe(3_600_000)
    expect(parseDurationMs('15m', 'every')).toBe(900_000)
    expect(parseDurationMs('30s', 'every')).toBe(30_000)
    expect(parseDurationMs('1d', 'every')).toBe(86_400_000)
    expect(parseDurationMs('500ms', 'every')).toBe(500)
    expect(parseDurationMs('1.5h', 'every')).toBe(5_400_000)
    expect(parseDurationMs('3600', 'every')).toBe(3_600_000)
  })

  it('refuses what is not a positive step of whole 100 ms batches, naming the option and the text', () => {
    for (const bad of ['0', '-1h', '1w', 'h', '150ms', ''])
      expect(() => parseDurationMs(bad, 'every')).toThrow(UsageError)
    expect(() => parseDurationMs('1w', 'every')).toThrow(/--every .* got "1w"/)
  })
})

async function radar(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, [replayCommand], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readStdin: async () => '',
  })
  return { code, stdout, stderr }
}

interface Row {
  tsMs: number
  key: string
  asOfMs: number | null
  markPrice: number | null
  indexPrice: number | null
}

describe('radar replay --report json --every', () => {
  it('prints a series per market with mark and index prices, each row from events up to its time', async () => {
    const r = await radar('replay', TICKS, '--report', 'json', '--every', '1m')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { series: Row[]; summary: { startTsMs: number; endTsMs: number } }
    const perp = out.series.filter((x) => x.key === 'binanceusdm:BTC/USDT:USDT')
    // 2023-04-05 00:00:00 → 00:06:54 of perp data: a row at each whole minute after the first event.
    expect(perp.length).toBeGreaterThanOrEqual(6)
    for (const row of perp) {
      expect(row.tsMs % 60_000).toBe(0)
      if (row.asOfMs !== null) expect(row.asOfMs).toBeLessThanOrEqual(row.tsMs)
    }
    // The recording's markPrice@1s frames carry mark (p) and index (i): recorded marks sit near 28,155.
    const last = perp.at(-1)!
    expect(last.markPrice).toBeGreaterThan(28_000)
    expect(last.markPrice).toBeLessThan(28_300)
    expect(last.indexPrice).toBeGreaterThan(28_000)
    expect(last.indexPrice).toBeLessThan(28_300)
  }, 60_000)

  it('refuses --every without --report json', async () => {
    const r = await radar('replay', TICKS, '--every', '1m')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--every needs --report json')
  })
})
