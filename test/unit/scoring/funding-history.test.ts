import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FundingEvent } from '../../../src/shared/market-event'
import { applyEvents, createScoringState, snapshotMarket } from '../../../src/shared/scoring/scoring-state'

/**
 * Funding percentiles and regimes on real Binance BTCUSDT history around the 2021-05-19 crash and the
 * 2022-06-13 Celsius / 3AC week. The CSV `Date` is local UTC+3 (rows at 03/11/19 h): 3 h are subtracted.
 */
// The public data sets sit beside the repository, in ../shared/data.
const FILE = resolve(
  __dirname,
  '../../../../shared/data/funding-history/BTC-USDT/BTC-USDT_binance_2020-01-01_2024-01-01_funding_history.csv',
)
const UTC_OFFSET_MS = 3 * 3_600_000
const KEY = 'binanceusdm:BTC/USDT:USDT'
const DAY = 86_400_000

function load(): FundingEvent[] {
  const lines = readFileSync(FILE, 'utf8').trim().split('\n')
  return lines.slice(1).map((line, i) => {
    const [, date, rate] = line.split(',')
    const tsMs = Date.parse(`${date!.replace(' ', 'T')}Z`) - UTC_OFFSET_MS
    const r = Number(rate)
    if (!Number.isFinite(tsMs) || !Number.isFinite(r)) throw new Error(`${FILE}:${i + 2}: bad row "${line}"`)
    return {
      type: 'funding',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      exchangeTsMs: tsMs,
      receiveTsMs: tsMs,
      fundingRatePerPeriod: r,
      fundingIntervalHours: 8,
      nextFundingTsMs: null,
      predictedRatePerPeriod: null,
      settled: true,
    }
  })
}

/** Brute force: mid-rank of the row's rate among the rates of the 90 days up to and including it. */
function brutePercentile(all: FundingEvent[], i: number): number {
  const t = all[i]!.exchangeTsMs
  const x = all[i]!.fundingRatePerPeriod
  const win = all.slice(0, i + 1).filter((e) => e.exchangeTsMs >= t - 90 * DAY)
  const below = win.filter((e) => e.fundingRatePerPeriod < x).length
  const equal = win.filter((e) => e.fundingRatePerPeriod === x).length
  return (below + 0.5 * equal) / win.length
}

describe('funding percentiles on recorded Binance BTCUSDT history', () => {
  const all = load()

  it('lands on the UTC 00/08/16 h schedule after removing the +3 h offset', () => {
    const hours = new Set(all.map((e) => new Date(e.exchangeTsMs).getUTCHours()))
    expect([...hours].sort((a, b) => a - b)).toEqual([0, 8, 16])
  })

  for (const [day, from, to] of [
    ['2021-05-19', '2021-05-18T00:00:00Z', '2021-05-21T00:00:00Z'],
    ['2022-06-13', '2022-06-12T00:00:00Z', '2022-06-15T00:00:00Z'],
  ] as const) {
    it(`matches a brute-force 90 d percentile around ${day}`, () => {
      const s = createScoringState()
      const rows: string[] = []
      let fed = 0
      for (let i = 0; i < all.length; i++) {
        const t = all[i]!.exchangeTsMs
        if (t >= Date.parse(to)) break
        if (t < Date.parse(from)) continue
        applyEvents(s, all.slice(fed, i + 1))
        fed = i + 1
        const snap = snapshotMarket(s, KEY)!
        const p = snap.metrics['funding-percentile']!.value!
        expect(p).toBeCloseTo(brutePercentile(all, i), 12)
        rows.push(
          `${new Date(t).toISOString().slice(0, 16)}Z rate ${all[i]!.fundingRatePerPeriod.toFixed(8)} ` +
            `pct ${p.toFixed(3)} z ${snap.metrics['funding-zscore']!.value!.toFixed(2)} ${snap.labels['funding-regime']}`,
        )
      }
      console.log(`BTCUSDT Binance funding around ${day}:\n${rows.join('\n')}`)
    })
  }

  it('calls the 2021-05-19 16:00 UTC payment (-0.00089697, read from the file) Very Low', () => {
    // The band of the payment itself: settled payments come 8 h apart, so no label dwell here.
    const s = createScoringState({ labelDwellMs: 0 })
    const cut = all.findIndex((e) => e.exchangeTsMs === Date.parse('2021-05-19T16:00:00.018Z'))
    expect(all[cut]!.fundingRatePerPeriod).toBe(-0.00089697)
    applyEvents(s, all.slice(0, cut + 1))
    expect(snapshotMarket(s, KEY)!.labels['funding-regime']).toBe('Very Low')
  })
})
