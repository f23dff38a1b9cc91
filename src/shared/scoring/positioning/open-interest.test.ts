import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../../market-event'
import { applyEvents, createScoringState, snapshotMarket } from '../scoring-state'
import { T0, oi, trade } from '../test-fixtures'

const KEY = 'binanceusdm:BTC/USDT:USDT'
const MIN = 60_000

/** 4 h of OI every 5 min growing linearly by `growth` and a price moving by `move`, both from T0. */
function series(growth: number, move: number): MarketEvent[] {
  // a print one minute before T0 gives the price as of the window start
  const evs: MarketEvent[] = [trade(T0 - MIN, 100, 1, 'buy')]
  for (let i = 0; i <= 48; i++) {
    const t = T0 + i * 5 * MIN
    evs.push(trade(t, 100 * (1 + (move * i) / 48), 1, 'buy'))
    evs.push(oi(t + 1, 1000 * (1 + (growth * i) / 48), null))
  }
  // labels are re-evaluated at most once a second of exchange time: one more print after the last OI
  evs.push(trade(T0 + 240 * MIN + 2000, 100 * (1 + move), 1, 'buy'))
  return evs
}

describe('open interest', () => {
  it('measures the 4 h change, its regime and the price x OI quadrant', () => {
    const s = createScoringState({ minDwellMs: 0, labelDwellMs: 0 })
    applyEvents(s, series(0.1, 0.01))
    const snap = snapshotMarket(s, KEY)!
    // 1100 / 1000 - 1 = 10 % over 4 h: above the 6 % fast threshold
    expect(snap.metrics['oi-roc-4h']!.value).toBeCloseTo(0.1, 9)
    expect(snap.labels['oi-regime']).toBe('Rising Fast')
    expect(snap.labels['oi-quadrant']).toBe('new longs')
    expect(snap.metrics['oi-roc-24h']!.reason).toBe('needs 24 h of open interest, has 4 h')
    // OI in USD from base x last price: 1100 x 101
    expect(snap.metrics['oi-usd']!.value).toBeCloseTo(1100 * 101, 6)
  })

  it('reads short covering when OI falls as price rises', () => {
    const s = createScoringState({ minDwellMs: 0, labelDwellMs: 0 })
    applyEvents(s, series(-0.03, 0.01))
    const snap = snapshotMarket(s, KEY)!
    expect(snap.labels['oi-regime']).toBe('Falling')
    expect(snap.labels['oi-quadrant']).toBe('short covering')
    // 24 h peak 1000, now 970 -> drawdown 3 %
    expect(snap.metrics['oi-drawdown-24h']!.value).toBeCloseTo(0.03, 9)
  })

  it('needs a market cap for OI / market cap', () => {
    const none = createScoringState()
    applyEvents(none, series(0, 0))
    expect(snapshotMarket(none, KEY)!.metrics['oi-mcap']!.reason).toBe(
      'no market cap set for BTC in Settings',
    )
    const s = createScoringState({ marketCapUsdByAsset: { BTC: 1e6 } })
    applyEvents(s, series(0, 0))
    // OI 1000 base x price 100 = 100,000 USD over a 1,000,000 USD cap = 0.1
    expect(snapshotMarket(s, KEY)!.metrics['oi-mcap']!.value).toBeCloseTo(0.1, 9)
    expect(snapshotMarket(s, KEY)!.metrics['oi-mcap-z']!.reason).toBe(
      'needs 3 d of hourly OI / market cap samples, has 5 h',
    )
  })
})
