import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../../market-event'
import { applyEvents, createScoringState, snapshotMarket } from '../scoring-state'
import { PERP, T0, funding, fundingSeries, gap } from '../test-fixtures'

const H = 3_600_000
const KEY = 'binanceusdm:BTC/USDT:USDT'

/*
 * Settled history at 8 h intervals: payment i is made at T0 + 8i h (T0 = 2024-01-01 00:00 UTC) for the period
 * [T0 + 8(i-1) h, T0 + 8i h) and pays (i + 1) * 8e-5 per 8 h = (i + 1) * 1e-5 per hour:
 *   i=0  pays at 01-01 00:00 for 12-31 16:00–00:00  1e-5 /h
 *   i=4  pays at 01-02 08:00 for 01-02 00:00–08:00  5e-5 /h
 *   i=5  pays at 01-02 16:00 for 01-02 08:00–16:00  6e-5 /h
 *   i=6  pays at 01-03 00:00 for 01-02 16:00–00:00  7e-5 /h
 * Go live: the first live estimate comes before the warm start's history lands (as on a venue: the stream opens
 * first, the 90-day funding history is a later task), 0.00096 per 8 h = 1.2e-4 per hour, next funding 01-03 08:00.
 */
const settled = (): MarketEvent[] => fundingSeries(T0, 7, 8, (i) => (i + 1) * 8e-5)
const estimate = (tsMs: number): MarketEvent =>
  funding(tsMs, 0.00096, 8, false, 'binanceusdm', PERP, T0 + 56 * H)

describe('funding trajectory at Go live, from the settled history', () => {
  it('starts each window from the settled rate of the period covering its start', () => {
    const s = createScoringState()
    const now = T0 + 50 * H // 01-03 02:00
    applyEvents(s, [estimate(now), ...settled()])
    const m = snapshotMarket(s, KEY)!.metrics
    // 4 h: start 01-02 22:00, in the 16:00–00:00 period (7e-5 /h): 1.2e-4 - 7e-5 = 5e-5 per hour
    expect(m['funding-traj-4h']!.value).toBeCloseTo(5e-5, 15)
    expect(m['funding-traj-4h']!.sufficient).toBe(true)
    expect(m['funding-traj-4h']!.reason).toBe(
      'starts from the settled rate of 01-02 16:00–01-03 00:00 UTC; live path from 02:00 UTC',
    )
    // 8 h: start 01-02 18:00, the same period: 5e-5
    expect(m['funding-traj-8h']!.value).toBeCloseTo(5e-5, 15)
    // 24 h: start 01-02 02:00, in the 00:00–08:00 period (5e-5 /h): 1.2e-4 - 5e-5 = 7e-5
    expect(m['funding-traj-24h']!.value).toBeCloseTo(7e-5, 15)
    expect(m['funding-traj-24h']!.reason).toBe(
      'starts from the settled rate of 01-02 00:00–08:00 UTC; live path from 02:00 UTC',
    )
    // acceleration: 5e-5 per hour as an 8 h rate in % = 5e-5 * 8 * 100 = 0.04 % over 4 h -> 0.01 %/h, steady
    expect(m['funding-accel']!.value).toBeCloseTo(0.01, 12)
    expect(m['funding-accel']!.reason).toBe(m['funding-traj-4h']!.reason)
    expect(snapshotMarket(s, KEY)!.labels['funding-accel']).toBe('steady')
  })

  it('leaves a window starting in the current, unsettled period n/a and says why', () => {
    const s = createScoringState()
    const now = T0 + 54 * H // 01-03 06:00
    applyEvents(s, [estimate(now), ...settled()])
    const m = snapshotMarket(s, KEY)!.metrics
    // 4 h: start 01-03 02:00, inside the period 00:00–08:00 that pays at 08:00: no rate settled for it yet
    expect(m['funding-traj-4h']).toMatchObject({ value: null, sufficient: false })
    expect(m['funding-traj-4h']!.reason).toBe(
      'needs 4 h of funding path, has 0 s; the window starts in the current funding period (since 00:00 UTC), not settled yet',
    )
    expect(m['funding-accel']!.value).toBeNull()
    // 8 h: start 01-02 22:00, the 16:00–00:00 period (7e-5): 5e-5; 24 h: start 01-02 06:00, 00:00–08:00 (5e-5): 7e-5
    expect(m['funding-traj-8h']!.value).toBeCloseTo(5e-5, 15)
    expect(m['funding-traj-24h']!.value).toBeCloseTo(7e-5, 15)
  })

  it('hands each window over to the live path once the path reaches its start', () => {
    const s = createScoringState()
    const goLive = T0 + 50 * H // 01-03 02:00
    // the estimate holds at 1.2e-4 per hour, sampled every 5 min, for 4 h 5 min
    const live = Array.from({ length: 50 }, (_, i) => estimate(goLive + i * 5 * 60_000))
    applyEvents(s, [live[0]!, ...settled(), ...live.slice(1)])
    const m = snapshotMarket(s, KEY)!.metrics
    // 4 h: start 02:05, after the path's first sample at 02:00: the live rate did not move, 0, with no note
    expect(m['funding-traj-4h']).toMatchObject({ value: 0, sufficient: true, reason: null })
    // 8 h: start 01-02 22:05, before the path: still the settled 7e-5 -> 5e-5
    expect(m['funding-traj-8h']!.value).toBeCloseTo(5e-5, 15)
    expect(m['funding-traj-8h']!.reason).toMatch(
      /^starts from the settled rate of 01-02 16:00–01-03 00:00 UTC/,
    )
  })

  it('is n/a where the settled history has no payment for the start or a gap crosses the window', () => {
    const s = createScoringState()
    const now = T0 + 50 * H
    // payments i=0..3 only: nothing covers 01-02 22:00 (the newest period ended 01-02 00:00), a hole before now
    applyEvents(s, [estimate(now), ...settled().slice(0, 4)])
    const m = snapshotMarket(s, KEY)!.metrics
    expect(m['funding-traj-24h']!.value).toBeNull()
    expect(m['funding-traj-24h']!.reason).toMatch(/^needs 24 h of funding path, has 0 s; the window starts/)

    const g = createScoringState()
    applyEvents(g, [gap('btcusdt@markPrice', now - 3 * H, now - 2 * H), estimate(now), ...settled()])
    expect(snapshotMarket(g, KEY)!.metrics['funding-traj-4h']!.reason).toMatch(
      /^gap of 60 min in funding data/,
    )
  })
})
