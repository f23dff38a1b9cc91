import { describe, expect, it } from 'vitest'
import type { CandleEvent } from '../../market-event'
import { applyEvents, createScoringState, snapshotMarket } from '../scoring-state'
import { PERP, T0, trade } from '../test-fixtures'

const KEY = `binanceusdm:${PERP}`
const HOUR_MS = 3_600_000

/** An hourly candle of the traded price closing at `closeMs`, with its volume and taker buy volume. */
function candle(closeMs: number, volumeBase: number, takerBuyBase: number | null): CandleEvent {
  return {
    type: 'candle',
    venue: 'binanceusdm',
    symbol: PERP,
    exchangeTsMs: closeMs,
    receiveTsMs: closeMs,
    priceKind: 'last',
    intervalSec: 3600,
    openTsMs: closeMs - HOUR_MS,
    open: 100,
    high: 101,
    low: 99,
    close: 100,
    volumeBase,
    volumeUsd: null,
    takerBuyBase,
  }
}

/*
 * 26 hourly candles closing at T0 + 1 h … T0 + 26 h. The newest 24 h are the 24 candles closing after
 * T0 + 2 h: 24 × 10 = 240 BTC a day, so with 48 buckets a day each bucket holds 240 / 48 = 5 BTC. The two
 * oldest candles (100 BTC each, no taker split) lie outside that day and fill nothing. Each later candle
 * (10 BTC) fills exactly two buckets with its own split: 7/3 → per bucket 3.5/1.5, imbalance 2;
 * 2/8 → 1/4, imbalance 3. The window (2 buckets) is the last candle's two buckets.
 */
function history(lastBuy: number): CandleEvent[] {
  const out = [candle(T0 + HOUR_MS, 100, null), candle(T0 + 2 * HOUR_MS, 100, null)]
  for (let h = 3; h <= 26; h++) out.push(candle(T0 + h * HOUR_MS, 10, h === 26 ? lastBuy : 7))
  return out
}

const config = { vpinBucketsPerDay: 48, vpinWindowBuckets: 2, vpinBootstrapMinutes: 30 }

describe('VPIN from backfilled candles', () => {
  it('sizes the buckets from the newest 24 h of candle volume and fills the window from the taker split', () => {
    const s = createScoringState(config)
    applyEvents(s, [...history(2), trade(T0 + 26 * HOUR_MS + 1000, 100, 1, 'buy')])
    const m = snapshotMarket(s, KEY)!.metrics
    expect(m['vpin-bucket-size']!.value).toBeCloseTo(5, 12)
    expect(m['vpin-buckets']!.value).toBe(48)
    // (3 + 3) / (2 × 5); the trade's 1 BTC sits in the open bucket.
    expect(m['vpin']!.value).toBeCloseTo(0.6, 12)
    expect(m['vpin']!.reason).toBeNull()
  })

  it('a day of candles without a taker split sizes the buckets at once; the trades fill them', () => {
    const s = createScoringState(config)
    const noSplit = history(2).map((c) => ({ ...c, takerBuyBase: null }))
    applyEvents(s, [...noSplit, trade(T0 + 26 * HOUR_MS + 1000, 100, 6, 'buy')])
    const m = snapshotMarket(s, KEY)!.metrics
    expect(m['vpin-bucket-size']!.value).toBeCloseTo(5, 12)
    // 6 BTC bought: one full bucket of 5, 1 BTC in the next.
    expect(m['vpin-buckets']!.value).toBe(1)
    expect(m['vpin']!.reason).toBe('needs 2 volume buckets, has 1')
  })

  it('less history than the trade bootstrap leaves sizing to the trades; candles after a trade are not counted', () => {
    const s = createScoringState(config)
    applyEvents(s, [
      candle(T0 + HOUR_MS, 10, 5),
      trade(T0 + HOUR_MS + 1000, 100, 1, 'buy'),
      ...history(2).slice(2),
    ])
    const m = snapshotMarket(s, KEY)!.metrics
    expect(m['vpin-bucket-size']!.value).toBeNull()
    expect(m['vpin-buckets']!.value).toBe(0)
  })
})
