import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../../market-event'
import { applyEvents, createScoringState, snapshotMarket } from '../scoring-state'

const KEY = 'binanceusdm:BTC/USDT:USDT'
const T0 = Date.UTC(2024, 4, 10, 0, 0, 0)
const FIVE_MIN = 300_000

/** Futures-data style bars: a 5-minute candle and an OI reading at each bar's end, no trades. */
function bars(n: number, price: (i: number) => number, oi: (i: number) => number): MarketEvent[] {
  const out: MarketEvent[] = []
  for (let i = 0; i < n; i++) {
    const open = T0 + i * FIVE_MIN
    const end = open + FIVE_MIN - 1
    const base = {
      venue: 'binanceusdm' as const,
      symbol: 'BTC/USDT:USDT',
      exchangeTsMs: end,
      receiveTsMs: end,
    }
    const p = price(i)
    out.push({
      ...base,
      type: 'candle',
      priceKind: 'last',
      intervalSec: 300,
      openTsMs: open,
      open: p,
      high: p,
      low: p,
      close: p,
      volumeBase: null,
      volumeUsd: null,
    })
    out.push({ ...base, type: 'openInterest', oiContracts: oi(i), oiBase: oi(i), oiUsd: oi(i) * p })
  }
  return out
}

describe('5-minute candles (markets without trades)', () => {
  // 25 h of bars (300): flat at 100 and 1,000 contracts for 21 h (bars 0..251), then price and OI climb
  // linearly to 110 and 1,100 over the last 4 h (bars 252..299).
  const ramp = (from: number, to: number) => (i: number) =>
    i < 252 ? from : from + ((to - from) * (i - 251)) / 48
  const state = createScoringState()
  applyEvents(state, bars(300, ramp(100, 110), ramp(1000, 1100)))
  const snap = snapshotMarket(state, KEY)!

  it('give the market its last price', () => {
    expect(snap.lastPrice).toBe(110)
  })

  it('give the 24 h price change: 110 / 100 − 1 = 0.1', () => {
    expect(snap.metrics['price-change-24h']!.value).toBeCloseTo(0.1, 12)
  })

  it('place the market in the price × OI quadrant: OI +10 % and price +10 % over 4 h are new longs', () => {
    expect(snap.metrics['oi-roc-4h']!.value).toBeGreaterThan(0.02)
    expect(snap.labels['oi-quadrant']).toMatch(/new longs/i)
  })

  it('give volatility from 5-minute bars: flat bars (high = low) read 0, not n/a', () => {
    expect(snap.metrics['vol-short']!.value).toBe(0)
    expect(snap.metrics['vol-short']!.sufficient).toBe(true)
  })
})

describe('volatility from bars of any length', () => {
  /** `n` bars of `minutes` each, high 101 and low 99 around 100. */
  function ranged(n: number, minutes: number): MarketEvent[] {
    return Array.from({ length: n }, (_, i) => {
      const open = T0 + i * minutes * 60_000
      const end = open + minutes * 60_000 - 1
      return {
        venue: 'binanceusdm' as const,
        symbol: 'BTC/USDT:USDT',
        exchangeTsMs: end,
        receiveTsMs: end,
        type: 'candle' as const,
        priceKind: 'last' as const,
        intervalSec: minutes * 60,
        openTsMs: open,
        open: 100,
        high: 101,
        low: 99,
        close: 100,
        volumeBase: null,
        volumeUsd: null,
      }
    })
  }
  // Parkinson: ln(101/99)^2 / (4 ln 2) per bar = 5.7733e-4; per minute divide by the bar's minutes;
  // annualized sqrt(per-minute variance × 525,600 minutes).
  const perBar = Math.log(101 / 99) ** 2 / (4 * Math.log(2))

  it.each([
    [5, 24 * 12 + 1],
    [60, 25],
  ])('%i-minute bars give the short and long windows their annualized volatility', (minutes, n) => {
    const state = createScoringState()
    applyEvents(state, ranged(n, minutes))
    const s = snapshotMarket(state, KEY)!
    const expected = Math.sqrt((perBar / minutes) * 525_600)
    expect(s.metrics['vol-short']!.value).toBeCloseTo(expected, 9)
    expect(s.metrics['vol-long']!.value).toBeCloseTo(expected, 9)
    expect(s.metrics['vol-ratio']!.value).toBeCloseTo(1, 9)
  })

  it('says how many bars of their size it still needs', () => {
    const state = createScoringState()
    applyEvents(state, ranged(3, 60))
    // Long window: 1,440 min × 0.25 = 360 min = 6 hourly bars.
    expect(snapshotMarket(state, KEY)!.metrics['vol-long']!.reason).toBe(
      'needs 6 60 min bars in the last 24 h, has 3',
    )
  })
})
