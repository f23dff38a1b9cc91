import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../market-event'
import {
  applyEvents,
  createScoringState,
  drainRegimeShifts,
  exportState,
  importState,
  setLiquidationProximity,
  snapshotMarket,
} from './scoring-state'
import { T0, funding, fundingSeries, oi, trade } from './test-fixtures'

const KEY = 'binanceusdm:BTC/USDT:USDT'
const H = 3_600_000

describe('regime shifts', () => {
  it('emits one shift for a regime change and none while the value hovers at the edge', () => {
    const s = createScoringState()
    // history: 100 payments at 1..100 e-6 per hour (8 h): percentile of x ~ its rank / 100
    applyEvents(
      s,
      fundingSeries(T0, 100, 8, (i) => (i + 1) * 8e-6),
    )
    const start = T0 + 100 * 8 * H
    // a live estimate at the median: percentile (49 + 0.5) / 100 = 0.495 -> Typical, shown once it has held
    // the 30 min dwell (the rising history left the label at Very High)
    applyEvents(s, [funding(start - 31 * 60_000, 50 * 8e-6, 8, false)])
    applyEvents(s, [funding(start - 60_000, 50 * 8e-6, 8, false)])
    expect(snapshotMarket(s, KEY)!.labels['funding-regime']).toBe('Typical')
    drainRegimeShifts(s)
    const evs: MarketEvent[] = []
    // oscillate between the 94th and 96th percentile (edge at 0.95) for an hour, one estimate every 10 s
    for (let i = 0; i < 360; i++)
      evs.push(funding(start + i * 10_000, (i % 2 ? 96.5 : 94.5) * 8e-6, 8, false))
    applyEvents(s, evs)
    const hover = drainRegimeShifts(s).filter((x) => x.kind === 'funding-regime')
    // margin 0.04: 0.965 passes 0.75 + 0.04 (High) but not 0.95 + 0.04, and 0.945 never drops below 0.91:
    // one shift Typical -> High, once High has held the 30 min dwell (from `start`), then no flapping
    // across the 0.95 edge
    expect(hover.map((x) => [x.from, x.to, x.atMs - start])).toEqual([['Typical', 'High', 30 * 60_000]])
    // 1.005 clears 0.95 + 0.04 at start + 1 h; Very High is shown once it has held 30 min
    applyEvents(s, [funding(start + H, 100.5 * 8e-6, 8, false)])
    expect(drainRegimeShifts(s).filter((x) => x.kind === 'funding-regime')).toEqual([])
    applyEvents(s, [funding(start + H + 29 * 60_000, 100.5 * 8e-6, 8, false)])
    applyEvents(s, [funding(start + H + 30 * 60_000, 100.5 * 8e-6, 8, false)])
    const up = drainRegimeShifts(s).filter((x) => x.kind === 'funding-regime')
    expect(up.map((x) => [x.to, x.atMs - start])).toEqual([['Very High', H + 30 * 60_000]])
  })
})

describe('liquidation proximity input', () => {
  it('is n/a until the heatmap feeds it, then enters the stress index', () => {
    const s = createScoringState()
    applyEvents(s, [trade(T0, 100, 1, 'buy'), oi(T0, 1000, 100_000)])
    expect(snapshotMarket(s, KEY)!.metrics['liq-prox-2pct-usd']!.reason).toBe(
      'liquidation heatmap not available',
    )
    setLiquidationProximity(s, KEY, {
      asOfMs: T0,
      nearestAbovePrice: 101,
      nearestAboveUsd: 2000,
      nearestBelowPrice: 98,
      nearestBelowUsd: 3000,
      usdWithin1Pct: 2000,
      usdWithin2Pct: 5000,
    })
    const snap = snapshotMarket(s, KEY)!
    // 5000 / 100,000 OI = 5 % = the full-scale fraction -> component 1, the only one present -> 100 over
    // the inputs present; but that is 0.25 of the weight, under 60 %: partial, no value, not sufficient.
    expect(snap.metrics['lsi-c-liq']!.value).toBeCloseTo(1, 12)
    const lsi = snap.metrics['lsi']!
    expect(lsi.value).toBeNull()
    expect(lsi.sufficient).toBe(false)
    expect(lsi.coverage).toMatchObject({ present: 1, total: 4, weightShare: 0.25, partial: true })
    expect(lsi.coverage!.partialValue).toBeCloseTo(100, 9)
    expect(lsi.reason).toMatch(/^partial: 1 of 4 inputs \(25 % of the weight, under 60 %\)/)
    expect(snap.labels['lsi-level'] ?? null).toBeNull()
    expect(() => setLiquidationProximity(s, 'okx:NOPE/USDT:USDT', null)).toThrow(/unknown market/)
  })
})

describe('checkpoints and spot markets', () => {
  it('survives a structured clone and keeps scoring identically', () => {
    const a = createScoringState()
    const evs = fundingSeries(T0, 40, 8, (i) => (i % 5) * 1e-5)
    applyEvents(a, evs.slice(0, 30))
    const b = importState(structuredClone(exportState(a)))
    applyEvents(a, evs.slice(30))
    applyEvents(b, evs.slice(30))
    expect(snapshotMarket(b, KEY)).toEqual(snapshotMarket(a, KEY))
    expect(() => importState({ version: 1 })).toThrow(/unrecognized scoring checkpoint/)
  })

  it('gives spot markets no stress index: there is no leverage on them', () => {
    const s = createScoringState()
    applyEvents(s, [trade(T0, 100, 1, 'buy', 'binance', 'BTC/USDT')])
    const snap = snapshotMarket(s, 'binance:BTC/USDT')!
    expect(snap.metrics['lsi']!.value).toBeNull()
    expect(snap.metrics['lsi']!.reason).toMatch(/^spot market/)
    expect(snap.stress).toBeNull()
  })
})
