import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../../market-event'
import { applyEvents, createScoringState, drainRegimeShifts, snapshotMarket } from '../scoring-state'
import { PERP, T0, funding, fundingSeries, gap, oi } from '../test-fixtures'
import { fundingAprFromPerHour, fundingRatePerHour, fundingRatePerReferencePeriod } from './funding-units'

const H = 3_600_000
const KEY = 'binanceusdm:BTC/USDT:USDT'

describe('funding units', () => {
  it('normalizes per hour and to APR', () => {
    // 0.01 % per 8 h = 0.0001 / 8 = 0.0000125 per hour; APR = 0.0000125 * 8760 = 0.1095
    expect(fundingRatePerHour(0.0001, 8)).toBeCloseTo(0.0000125, 15)
    expect(fundingAprFromPerHour(fundingRatePerHour(0.0001, 8))).toBeCloseTo(0.1095, 12)
    // a 1 h venue paying 0.0000125 per period pays the same per hour
    expect(fundingRatePerHour(0.0000125, 1)).toBeCloseTo(0.0000125, 15)
    expect(fundingRatePerReferencePeriod(0.0000125, 8)).toBeCloseTo(0.0001, 15)
    expect(() => fundingRatePerHour(0.0001, 0)).toThrow(/interval/)
  })
})

describe('funding percentile and regime', () => {
  // Per-hour rates cycle 1,2,3,4 e-5. Current = 3e-5: below = 1/2, equal = 1/4 -> mid-rank 0.5 + 0.125 = 0.625.
  const perHour = (i: number) => ((i % 4) + 1) * 1e-5

  it('gives the same percentile on an 8 h venue and a 1 h venue with the same hourly rates', () => {
    const s = createScoringState()
    // 32 d: 96 payments of 8 h (24 of each rate), 768 payments of 1 h
    const eightH = fundingSeries(T0, 32 * 3, 8, (i) => perHour(i) * 8, 'binanceusdm')
    // the 1 h venue pays the same hourly rate through each 8 h block
    const oneH = fundingSeries(T0 - 7 * H, 32 * 24, 1, (i) => perHour(Math.floor(i / 8)), 'bybit')
    const now = T0 + 32 * 24 * H
    const evs: MarketEvent[] = [...eightH, ...oneH].sort((a, b) => a.exchangeTsMs - b.exchangeTsMs)
    // the same expressions as the history so the equal value compares equal in floating point
    evs.push(
      funding(now, perHour(2) * 8, 8, false, 'binanceusdm'),
      funding(now, perHour(2), 1, false, 'bybit'),
    )
    applyEvents(s, evs)
    const a = snapshotMarket(s, KEY)!
    const b = snapshotMarket(s, 'bybit:BTC/USDT:USDT')!
    expect(a.metrics['funding-percentile']!.value).toBeCloseTo(0.625, 9)
    expect(b.metrics['funding-percentile']!.value).toBeCloseTo(0.625, 9)
    expect(a.labels['funding-regime']).toBe('Typical')
    expect(a.metrics['funding-rate-per-hour']!.value).toBeCloseTo(3e-5, 15)
    expect(b.metrics['funding-rate']!.unit).toBe('fraction/1h')
    // z-score: mean 2.5e-5, population std sqrt(mean((1.5,.5,.5,1.5)^2)) e-5 = sqrt(1.25) e-5 -> z = 0.5/1.118 = 0.4472
    expect(a.metrics['funding-zscore']!.value).toBeCloseTo(0.5 / Math.sqrt(1.25), 6)
  })

  it('weights samples by their interval when the venue changes the interval mid-stream', () => {
    const s = createScoringState()
    // 10 d at 8 h paying 1e-5/h (30 samples), then 10 d at 4 h paying 3e-5/h (60 samples)
    const first = fundingSeries(T0, 30, 8, () => 8e-5)
    const second = fundingSeries(T0 + 240 * H, 60, 4, () => 12e-5)
    applyEvents(s, [...first, ...second, funding(T0 + 480 * H, 12e-5, 4, false)])
    const snap = snapshotMarket(s, KEY)!
    // by time: half the history below 3e-5, half equal -> 0.5 + 0.5 * 0.5 = 0.75 (by count it would be 0.667)
    expect(snap.metrics['funding-percentile']!.value).toBeCloseTo(0.75, 9)
    expect(snap.metrics['funding-interval']!.value).toBe(4)
  })

  it('is n/a with a readable reason until the minimum history exists', () => {
    const s = createScoringState()
    // 9 settled payments 8 h apart: first period starts T0 - 8 h, last payment at T0 + 64 h -> 72 h = 3 d
    applyEvents(
      s,
      fundingSeries(T0, 9, 8, () => 1e-4),
    )
    const m = snapshotMarket(s, KEY)!.metrics['funding-percentile']!
    expect(m.value).toBeNull()
    expect(m.sufficient).toBe(false)
    expect(m.reason).toBe('needs 7 d of funding history, has 3 d')
    expect(snapshotMarket(s, KEY)!.labels['funding-regime']).toBeNull()
  })

  it('reports no funding for a market without any, never zero', () => {
    const s = createScoringState()
    applyEvents(s, [oi(T0, 1, 1)])
    const m = snapshotMarket(s, KEY)!.metrics['funding-rate']!
    expect(m).toMatchObject({ value: null, sufficient: false, reason: 'no funding data yet' })
  })
})

describe('funding trajectory, acceleration, persistence, spend', () => {
  it('measures the 4 h change and flags acceleration above 0.02 %/h', () => {
    const s = createScoringState()
    // live estimates every 5 min for 5 h; per-hour rate r(t) = 1e-5 + 3e-5 * t[h]
    const evs = Array.from({ length: 61 }, (_, i) =>
      funding(T0 + i * 5 * 60_000, (1e-5 + 3e-5 * (i / 12)) * 8, 8, false),
    )
    applyEvents(s, evs)
    const m = snapshotMarket(s, KEY)!
    // r(5 h) - r(1 h) = 1.6e-4 - 4e-5 = 1.2e-4 per hour
    expect(m.metrics['funding-traj-4h']!.value).toBeCloseTo(1.2e-4, 12)
    // as an 8 h rate in %: 1.2e-4 * 8 * 100 = 0.096 % over 4 h -> 0.024 %/h
    expect(m.metrics['funding-accel']!.value).toBeCloseTo(0.024, 9)
    expect(m.labels['funding-accel']).toBe('rising-fast')
    expect(m.metrics['funding-traj-8h']!.reason).toBe('needs 8 h of funding path, has 5 h')
    expect(m.metrics['funding-traj-24h']!.value).toBeNull()
  })

  it('makes the trajectory n/a across an unfilled gap', () => {
    const s = createScoringState()
    const evs: MarketEvent[] = Array.from({ length: 61 }, (_, i) =>
      funding(T0 + i * 5 * 60_000, 1e-4, 8, false),
    )
    evs.push(gap('btcusdt@markPrice', T0 + 2 * H, T0 + 3 * H))
    applyEvents(s, evs)
    expect(snapshotMarket(s, KEY)!.metrics['funding-traj-4h']!.reason).toMatch(
      /^gap of 60 min in funding data/,
    )
  })

  it('counts hours in an extreme regime and emits the shift into it', () => {
    const s = createScoringState()
    // 10 d of settled 1e-5 / 2e-5 per hour, then a live estimate far above: percentile 1 -> Very High
    applyEvents(
      s,
      fundingSeries(T0, 30, 8, (i) => (i % 2 ? 16e-5 : 8e-5)),
    )
    drainRegimeShifts(s)
    const start = T0 + 240 * H
    applyEvents(
      s,
      Array.from({ length: 181 }, (_, i) => funding(start + i * 60_000, 8e-4, 8, false)),
    )
    const m = snapshotMarket(s, KEY)!
    expect(m.labels['funding-regime']).toBe('Very High')
    // the first live estimate is extreme; the label enters Very High once that has held the 30 min
    // dwell, at start + 30 min, and now (start + 180 min) has been there 150 min
    expect(m.metrics['funding-persistence']!.value).toBeCloseTo(2.5, 9)
    const shifts = drainRegimeShifts(s).filter((x) => x.kind === 'funding-regime')
    expect(shifts).toHaveLength(1)
    expect(shifts[0]).toMatchObject({ to: 'Very High', atMs: start + 30 * 60_000 })
  })

  it('computes spend as rate per hour x OI in USD', () => {
    const s = createScoringState()
    applyEvents(s, [oi(T0, 16_000, 1e9), funding(T0, 0.0001, 8, false)])
    // 0.0001 / 8 * 1e9 = 12,500 USD per hour paid by longs
    expect(snapshotMarket(s, KEY)!.metrics['funding-spend']!.value).toBeCloseTo(12_500, 6)
  })

  it('compares the hourly rate with other venues of the same asset', () => {
    const s = createScoringState()
    applyEvents(s, [
      funding(T0, 0.0001, 8, false, 'binanceusdm', PERP),
      funding(T0, 0.00002, 1, false, 'bybit', PERP),
      funding(T0, 0.0001, 8, false, 'okx', PERP),
    ])
    // bybit 2e-5/h minus mean(1.25e-5, 1.25e-5) = 7.5e-6 per hour
    expect(snapshotMarket(s, 'bybit:BTC/USDT:USDT')!.metrics['funding-diff-venues']!.value).toBeCloseTo(
      7.5e-6,
      15,
    )
  })

  it('records the last live estimate as the settled rate when the venue rolls to the next period', () => {
    const s = createScoringState()
    const next = T0 + 8 * H
    applyEvents(s, [
      funding(T0, 0.0003, 8, false, 'binanceusdm', PERP, next),
      funding(next + 1000, 0.0001, 8, false, 'binanceusdm', PERP, next + 8 * H),
    ])
    const f = s.markets.get(KEY)!.funding
    expect(f.history.size).toBe(1)
    expect(f.history.ts[0]).toBe(next)
    expect(f.history.v[0]).toBeCloseTo(0.0003 / 8, 15)
  })
})
