import { afterEach, describe, expect, it, vi } from 'vitest'
import type { UniverseRow } from '../../../../shared/contract/universe'
import type { MarketEvent } from '../../../../shared/market-event'
import { INGEST_SLICE_MARKETS, ingestInSlices } from './universe-service'

const row = (i: number, volume24hUsd: number | null): UniverseRow => ({
  key: `bybit:C${i}/USDT:USDT`,
  venue: 'bybit',
  symbol: `C${i}/USDT:USDT`,
  base: `C${i}`,
  lastPrice: 1,
  markPrice: 1,
  indexPrice: 1,
  change24hFraction: 0,
  fundingRatePerPeriod: null,
  fundingIntervalHours: null,
  nextFundingTsMs: null,
  oiUsd: null,
  volume24hUsd,
  asOfMs: 1_700_000_000_000,
  missing: {},
})

describe('tier-1 figures reach scoring in slices', () => {
  afterEach(() => vi.useRealTimers())

  it('hands every row over, busiest first, 100 markets a slice, one slice per gap; watchlist markets left out', async () => {
    vi.useFakeTimers()
    // 250 rows: volume 0..249, row 7 without a volume (last), row 3 on the watchlist.
    const rows = Array.from({ length: 250 }, (_, i) => row(i, i === 7 ? null : i))
    const slices: MarketEvent[][] = []
    const done = ingestInSlices(rows, new Set(['bybit:C3/USDT:USDT']), (e) => slices.push(e), {
      gapMs: 1000,
      running: () => true,
    })
    expect(slices).toHaveLength(1) // the first slice at once
    await vi.advanceTimersByTimeAsync(999)
    expect(slices).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(slices).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1000)
    await done
    // 249 markets (one mark event each here) in slices of 100, 100 and 49.
    expect(slices.map((s) => s.length)).toEqual([INGEST_SLICE_MARKETS, 100, 49])
    const order = slices.flat().map((e) => e.symbol)
    expect(order[0]).toBe('C249/USDT:USDT')
    expect(order.at(-2)).toBe('C0/USDT:USDT')
    expect(order.at(-1)).toBe('C7/USDT:USDT')
    expect(order).not.toContain('C3/USDT:USDT')
  })

  it('stops between slices once the universe stops', async () => {
    vi.useFakeTimers()
    let running = true
    const slices: MarketEvent[][] = []
    const done = ingestInSlices(
      Array.from({ length: 300 }, (_, i) => row(i, i)),
      new Set(),
      (e) => slices.push(e),
      { gapMs: 1000, running: () => running },
    )
    running = false
    await vi.advanceTimersByTimeAsync(5000)
    await done
    expect(slices).toHaveLength(1)
  })
})
