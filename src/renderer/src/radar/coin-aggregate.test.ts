import { describe, expect, it } from 'vitest'
import type { MarketSnapshot, Metric } from '../../../shared/scoring/snapshot'
import type { VenueId } from '../../../shared/market-event'
import { aggregateByCoin } from './coin-aggregate'

const ok = (value: number): Metric => ({ value, unit: '', sufficient: true, reason: null, asOfMs: 1 })
const missing: Metric = { value: null, unit: '', sufficient: false, reason: 'no data yet', asOfMs: null }

function snap(venue: VenueId, symbol: string, metrics: Record<string, Metric>): MarketSnapshot {
  return {
    key: `${venue}:${symbol}`,
    venue,
    symbol,
    asOfMs: 1,
    lastPrice: 1,
    eventCount: 1,
    metrics,
    labels: {},
    tags: [],
    contradictions: [],
    evaluatedAtMs: 1,
    stress: null,
  }
}

describe('per-coin aggregate across venues', () => {
  /*
   * By hand:
   * - OI: 1,000,000,000 + 500,000,000 = 1,500,000,000 USD (OKX reports none: left out, listed as missing).
   * - OI-weighted funding per hour, over the legs with both OI and funding (Binance, Bybit):
   *   (1e9 × 0.0000125 + 0.5e9 × 0.00005) / 1.5e9 = (12,500 + 25,000) / 1.5e9 = 0.000025 per hour;
   *   APR = 0.000025 × 8,760 = 0.219.
   * - Funding spread over every leg with funding (OKX included): 0.0001 − 0.0000125 = 0.0000875 per hour.
   * - Long liquidations 1 h: 2,000,000 + 500,000 = 2,500,000 (OKX has none: not a zero).
   *   Short liquidations 1 h: 300,000 (Binance only). 24 h: 9,000,000 + 1,000,000 = 10,000,000 long.
   */
  const btc = [
    snap('binanceusdm', 'BTC/USDT:USDT', {
      'oi-usd': ok(1_000_000_000),
      'funding-rate-per-hour': ok(0.0000125),
      'liq-long-1h': ok(2_000_000),
      'liq-short-1h': ok(300_000),
      'liq-long-24h': ok(9_000_000),
    }),
    snap('bybit', 'BTC/USDT:USDT', {
      'oi-usd': ok(500_000_000),
      'funding-rate-per-hour': ok(0.00005),
      'liq-long-1h': ok(500_000),
      'liq-short-1h': missing,
      'liq-long-24h': ok(1_000_000),
    }),
    snap('okx', 'BTC/USDT:USDT', { 'oi-usd': missing, 'funding-rate-per-hour': ok(0.0001) }),
  ]

  it('sums OI and liquidations, weights funding by OI, and takes the spread across venues', () => {
    const [agg] = aggregateByCoin(btc)
    expect(agg!.coin).toBe('BTC')
    expect(agg!.legs.map((l) => l.venue)).toEqual(['binanceusdm', 'bybit', 'okx'])
    expect(agg!.oiUsd).toBe(1_500_000_000)
    expect(agg!.fundingRatePerHourOiWeighted).toBeCloseTo(0.000025, 15)
    expect(agg!.fundingAprOiWeighted).toBeCloseTo(0.219, 12)
    expect(agg!.fundingSpreadPerHour).toBeCloseTo(0.0000875, 15)
    expect(agg!.liqLong1hUsd).toBe(2_500_000)
    expect(agg!.liqShort1hUsd).toBe(300_000)
    expect(agg!.liqLong24hUsd).toBe(10_000_000)
    expect(agg!.liqShort24hUsd).toBeNull()
    expect(agg!.missing).toEqual(['okx: no open interest, liquidations'])
  })

  it('leaves out spot markets and coins on a single venue, and orders coins by summed OI', () => {
    const eth = [
      snap('binanceusdm', 'ETH/USDT:USDT', { 'oi-usd': ok(2_000_000_000) }),
      snap('bybit', 'ETH/USDT:USDT', { 'oi-usd': ok(100) }),
    ]
    const sol = [snap('binanceusdm', 'SOL/USDT:USDT', { 'oi-usd': ok(5) })]
    const spot = [snap('binance', 'BTC/USDT', { 'oi-usd': ok(7) })]
    const out = aggregateByCoin([...btc, ...eth, ...sol, ...spot])
    expect(out.map((a) => [a.coin, a.oiUsd])).toEqual([
      ['ETH', 2_000_000_100],
      ['BTC', 1_500_000_000],
    ])
    // No OI anywhere: null, not 0; no leg with funding: no weighted funding and no spread.
    const none = aggregateByCoin([
      snap('binanceusdm', 'XRP/USDT:USDT', {}),
      snap('okx', 'XRP/USDT:USDT', {}),
    ])[0]!
    expect(none.oiUsd).toBeNull()
    expect(none.fundingRatePerHourOiWeighted).toBeNull()
    expect(none.fundingSpreadPerHour).toBeNull()
  })
})
