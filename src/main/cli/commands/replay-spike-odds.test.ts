import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LSI_CALIBRATION_2026 } from '../../../shared/scoring/calibration/lsi-2026'
import type { Metric } from '../../../shared/scoring/snapshot'
import { runCli } from '../run-cli'
import { replayCommand } from './replay'

const WEEK = resolve(__dirname, '../../../../resources/samples/binance-futures-metrics-2024-05-09-week.radar')
const TICKS = resolve(__dirname, '../../../../resources/samples/binance-btcusdt-2023-04-05.radar')

async function radar(...argv: string[]) {
  let stdout = ''
  const code = await runCli(argv, [replayCommand], {
    stdout: (s) => void (stdout += s),
    stderr: () => {},
    readStdin: async () => '',
  })
  return { code, stdout }
}

describe('radar replay: the stress index as a spike probability', () => {
  it('prints p with the usual rate and coverage in JSON, from the shipped mapping', async () => {
    const rep = await radar('replay', WEEK, '--report', 'json')
    expect(rep.code).toBe(0)
    const report = JSON.parse(rep.stdout) as { markets: { key: string; metrics: Record<string, Metric> }[] }
    const btc = report.markets.find((m) => m.key === 'binanceusdm:BTC/USDT:USDT')!.metrics
    // The week has OI, taker volume and prices but no funding: the index rests on 3 of 4 inputs
    // (0.25 + 0.25 + 0.2 = 70 % of the weight), and p = σ(a + b · index), the index held inside the fitted range.
    const { a, b, scoreMin, scoreMax } = LSI_CALIBRATION_2026.long.mapping
    const index = Math.min(scoreMax, Math.max(scoreMin, btc['lsi-own']!.value!))
    expect(btc['lsi-p-long-4h']!.value).toBeCloseTo(1 / (1 + Math.exp(-(a + b * index))), 12)
    expect(btc['lsi-p-long-4h']!.coverage).toMatchObject({ present: 3, total: 4, partial: false })
    expect(btc['lsi-p-long-4h']!.coverage!.weightShare).toBeCloseTo(0.7, 12)
    expect(btc['lsi-p-long-4h']!.reason).toMatch(/^vs \d+\.\d % usual; fitted on BTC hourly 2026-03-01/)
  }, 60_000)

  it('prints one line per side in text; a spot market and a partial index say why there is none', async () => {
    // Seven minutes of ticks: no funding history, no 24-h OI change, no map: the perp's index is partial.
    const rep = await radar('replay', TICKS)
    expect(rep.code).toBe(0)
    expect(rep.stdout).toContain('  long-liq spike in 4 h: n/a (spot market: no leverage to stress)')
    expect(rep.stdout).toMatch(
      / {2}long-liq spike in 4 h: n\/a \(partial stress index \(\d of 4 inputs, \d+ % of the weight\): no probability\)/,
    )
    expect(rep.stdout).toMatch(/ {2}short-liq spike in 4 h: n\/a \(partial stress index/)
  }, 60_000)
})
