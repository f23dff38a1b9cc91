import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import type { Settings } from '../../../shared/settings'
import type { UniverseRow, UniverseView } from '../../../shared/contract/universe'
import { WatchlistControl } from './watchlist-control'
import { livePlan } from './live-control'

/** A universe row with only what the ranking reads set; every other figure missing. */
function row(venue: 'bybit' | 'okx', base: string, oiUsd: number | null): UniverseRow {
  return {
    key: `${venue}:${base}/USDT:USDT`,
    venue,
    symbol: `${base}/USDT:USDT`,
    base,
    lastPrice: null,
    markPrice: null,
    indexPrice: null,
    change24hFraction: null,
    fundingRatePerPeriod: null,
    fundingIntervalHours: null,
    nextFundingTsMs: null,
    oiUsd,
    volume24hUsd: null,
    asOfMs: 0,
    missing: oiUsd === null ? { oi: 'the venue refused: 51001' } : {},
  }
}
const view = (rows: UniverseRow[]): UniverseView => ({
  cadenceSec: 60,
  venues: [
    { venue: 'bybit', markets: rows.length, refreshedAtMs: 0, error: null, note: null },
    { venue: 'okx', markets: rows.length, refreshedAtMs: 0, error: null, note: null },
  ],
  rows,
})

function setup(patch: Partial<Settings> = {}) {
  let settings: Settings = { ...defaultSettings(), venues: ['bybit', 'okx'], ...patch }
  let now = 1_000_000
  const applied: string[][] = []
  let active = true
  const control = new WatchlistControl(
    () => settings,
    () => {},
    () => now,
  )
  const target = {
    apply: (keys: string[]) => applied.push(keys),
    get active() {
      return active
    },
  }
  return {
    control,
    applied,
    attach: () => control.attach(target, control.keys()),
    set: (p: Partial<Settings>) => {
      settings = { ...settings, ...p }
      control.onSettings()
    },
    advance: (ms: number) => (now += ms),
    stop: () => (active = false),
  }
}

// Bybit: SOL 300, BTC 900, ETH 500, DOGE 100 (M USD); OKX gives no OI.
const first = [
  row('bybit', 'SOL', 300e6),
  row('bybit', 'BTC', 900e6),
  row('bybit', 'ETH', 500e6),
  row('bybit', 'DOGE', 100e6),
  row('okx', 'BTC', null),
]

describe('WatchlistControl', () => {
  it('goes live on the fallback, then streams the ranking of the first universe answer', () => {
    const t = setup()
    expect(t.control.keys()).toEqual([
      'bybit:BTC/USDT:USDT',
      'bybit:ETH/USDT:USDT',
      'okx:BTC/USDT:USDT',
      'okx:ETH/USDT:USDT',
    ])
    t.attach()
    t.control.onUniverse(view(first))
    // Top 20 of four: every Bybit perp with OI, largest first; OKX keeps its fallback.
    expect(t.applied).toEqual([
      [
        'bybit:BTC/USDT:USDT',
        'bybit:ETH/USDT:USDT',
        'bybit:SOL/USDT:USDT',
        'bybit:DOGE/USDT:USDT',
        'okx:BTC/USDT:USDT',
        'okx:ETH/USDT:USDT',
      ],
    ])
    const st = t.control.status()
    expect(st).toMatchObject({ mode: 'auto', live: true, perVenue: 20, rerankSec: 300 })
    expect(st.venues.map((v) => v.basis)).toEqual(['ranked', 'fallback'])
  })

  it('re-ranks every 5 minutes, not at every refresh', () => {
    const t = setup()
    t.attach()
    t.control.onUniverse(view(first))
    const more = [...first, row('bybit', 'PEPE', 2e9)]
    t.advance(60_000)
    t.control.onUniverse(view(more))
    expect(t.applied).toHaveLength(1)
    t.advance(240_000)
    t.control.onUniverse(view(more))
    expect(t.applied).toHaveLength(2)
    expect(t.applied[1]![0]).toBe('bybit:PEPE/USDT:USDT')
  })

  it('my list streams the list as edited; back to automatic streams the ranking again', () => {
    const t = setup()
    t.attach()
    t.control.onUniverse(view(first))
    t.set({ watchlistMode: 'mine', watchlist: ['bybit:SOL/USDT:USDT'] })
    expect(t.applied.at(-1)).toEqual(['bybit:SOL/USDT:USDT'])
    expect(t.control.status()).toMatchObject({ mode: 'mine', keys: ['bybit:SOL/USDT:USDT'], venues: [] })
    // A universe refresh does not touch my list.
    t.advance(600_000)
    t.control.onUniverse(view(first))
    expect(t.applied).toHaveLength(2)
    t.set({ watchlistMode: 'auto' })
    expect(t.applied.at(-1)).toEqual(t.applied[0])
  })

  it('leaves a stopped source alone and says it is not live', () => {
    const t = setup()
    t.attach()
    t.stop()
    t.control.onUniverse(view(first))
    t.set({ watchlistMode: 'mine', watchlist: ['bybit:SOL/USDT:USDT'] })
    expect(t.applied).toEqual([])
    expect(t.control.status().live).toBe(false)
  })
})

describe('livePlan for the automatic watchlist', () => {
  it('says which venues to enable when none of the enabled ones has perps', () => {
    const settings: Settings = { ...defaultSettings(), venues: ['binance'] }
    const control = new WatchlistControl(
      () => settings,
      () => {},
    )
    expect(control.keys()).toEqual([])
    expect(() => livePlan(settings, control.keys())).toThrow(
      'the automatic watchlist ranks perps, and no perp venue is enabled: enable Binance USDⓈ-M, Bybit or OKX in Settings → Venues',
    )
  })

  it('goes live on the fallback perps of the enabled perp venues, leaving spot venues out', () => {
    const settings: Settings = { ...defaultSettings(), venues: ['binanceusdm', 'binance', 'okx'] }
    const control = new WatchlistControl(
      () => settings,
      () => {},
    )
    expect(livePlan(settings, control.keys()).watchlist).toEqual([
      { venue: 'binanceusdm', symbols: ['BTC/USDT:USDT', 'ETH/USDT:USDT'] },
      { venue: 'okx', symbols: ['BTC/USDT:USDT', 'ETH/USDT:USDT'] },
    ])
  })
})
