import { describe, expect, it } from 'vitest'
import { applyEvents, createScoringState, snapshotMarket } from '../../../../shared/scoring/scoring-state'
import { bybitUniverseRows } from './bybit-universe'
import { universeEvents } from './universe-events'

describe('a tier-1 market through the one scoring pipeline', () => {
  it('is scored from its mark, funding and OI, and its stress index says it rests on part of its inputs', () => {
    // tickers.SOLUSDT as recorded in exchange-ws-recordings/BYBIT.jsonl.zst
    const rows = bybitUniverseRows(
      [{ id: 'SOLUSDT', symbol: 'SOL/USDT:USDT', base: 'SOL', listedFundingIntervalHours: 8 }],
      {
        result: {
          list: [
            {
              symbol: 'SOLUSDT',
              lastPrice: '77.310',
              markPrice: '77.310',
              indexPrice: '77.339',
              fundingRate: '0.00000876',
              openInterestValue: '520918947.01',
            },
          ],
        },
        time: 1786310819280,
      },
      0,
    )
    const state = createScoringState()
    applyEvents(state, universeEvents(rows, new Set(), 1786310819300))
    const snap = snapshotMarket(state, 'bybit:SOL/USDT:USDT')!
    expect(snap.markPrice).toBe(77.31)
    expect(snap.metrics['oi-usd']?.value).toBe(520918947.01)
    // 0.000876 % per 8 h = 0.0001095 % per hour
    expect(snap.metrics['funding-rate-per-hour']?.value).toBeCloseTo(0.00000876 / 8, 15)
    const lsi = snap.metrics['lsi']!
    expect(lsi.coverage?.partial).toBe(true)
    expect(lsi.coverage!.present).toBeLessThan(lsi.coverage!.total)
    expect(lsi.reason).toMatch(/needs/)
  })
})
