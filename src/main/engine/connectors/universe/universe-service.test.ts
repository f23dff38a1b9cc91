import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/emulator'
import type { RunningEmulator } from '../../emulator/emulator'
import { defaultSettings } from '../../../../shared/settings'
import type { Settings } from '../../../../shared/settings'
import type { MarketEvent } from '../../../../shared/market-event'
import type { UniverseRow, UniverseView } from '../../../../shared/contract/universe'
import { UniverseService } from './universe-service'

let emu: RunningEmulator
beforeAll(async () => {
  emu = await startEmulator()
})
afterAll(async () => {
  await emu.close()
})

describe('universe against the local exchange emulator', () => {
  it('gives every listed linear perp of each enabled venue a row, and says why a figure is missing', async () => {
    const settings: Settings = {
      ...defaultSettings(),
      venues: ['binanceusdm', 'bybit', 'okx'],
      watchlist: ['binanceusdm:BTC/USDT:USDT'],
      baseUrls: Object.fromEntries(['binanceusdm', 'bybit', 'okx'].map((v) => [v, { rest: emu.restUrl }])),
    }
    const ingested: MarketEvent[] = []
    let published: UniverseView | null = null
    const svc = new UniverseService({
      settings: () => settings,
      ingest: (e) => ingested.push(...e),
      publish: (v) => (published = v),
      log: () => {},
      sliceGapMs: 1,
    })
    svc.start()
    await svc.refresh() // the first refresh, already under way
    const view = published as unknown as UniverseView
    const byVenue = (v: string) => view.rows.filter((r) => r.venue === v)
    for (const st of view.venues) expect(st.error, st.venue).toBeNull()
    // The recorded exchangeInfo (2021) lists 119 perpetuals: 117 USDT- and 2 BUSD-margined.
    expect(byVenue('binanceusdm').length).toBe(119)
    // The emulator serves every listed perp in its bulk replies, so every row has a price.
    expect(view.rows.filter((r) => r.lastPrice === null).map((r) => r.key)).toEqual([])
    expect(byVenue('bybit').length).toBeGreaterThan(300)
    expect(byVenue('okx').length).toBeGreaterThan(50)
    for (const st of view.venues) expect(st.markets).toBe(byVenue(st.venue).length)

    const btc = view.rows.find((r) => r.key === 'binanceusdm:BTC/USDT:USDT')!
    // The metrics file's last bar (2024-05-16 19:35 UTC) closes at 66,1xx; its funding file ends in 2023.
    expect(btc.lastPrice).toBeGreaterThan(60_000)
    expect(btc.fundingIntervalHours).toBe(8)
    expect(btc.fundingRatePerPeriod).not.toBeNull()
    expect(btc.volume24hUsd).toBeGreaterThan(0)

    const sol = view.rows.find((r) => r.key === 'bybit:SOL/USDT:USDT')!
    expect(sol.oiUsd).toBeGreaterThan(0)
    expect(sol.fundingIntervalHours).toBe(8)

    const okx = byVenue('okx')[0]!
    expect(okx.lastPrice).not.toBeNull()
    expect(okx.fundingRatePerPeriod).toBeNull()
    expect(okx.missing.funding).toMatch(/the venue refused/)

    // Every tier-1 market feeds scoring; the watchlist's BTC streams its own and is left out, as are the
    // reference asset's perps (BTC on each venue: always streamed for correlation).
    const scored = new Set(ingested.map((e) => `${e.venue}:${e.symbol}`))
    const streamed = new Set(['binanceusdm', 'bybit', 'okx'].map((v) => `${v}:BTC/USDT:USDT`))
    // A row with none of the scorer's inputs (OKX here: no mark in its tickers, funding and OI refused) has
    // nothing to score; its row says so (universe-merge.ts).
    const hasInput = (r: UniverseRow): boolean =>
      r.markPrice !== null ||
      (r.fundingRatePerPeriod !== null && r.fundingIntervalHours !== null) ||
      r.oiUsd !== null
    const expected = view.rows.filter((r) => !streamed.has(r.key) && hasInput(r)).map((r) => r.key)
    expect(expected.length).toBeGreaterThan(400)
    expect([...scored].sort()).toEqual(expected.sort())
    expect(ingested.some((e) => e.type === 'openInterest')).toBe(true)
    svc.stop()
  }, 60_000)

  it('a refresh asked for while one is handing its figures to scoring hands them over again at its end', async () => {
    const settings: Settings = {
      ...defaultSettings(),
      venues: ['bybit'],
      watchlist: [],
      baseUrls: { bybit: { rest: emu.restUrl } },
    }
    const times = new Map<string, number>()
    let slices = 0
    let askAgainAtSlice = -1
    const svc = new UniverseService({
      settings: () => settings,
      ingest: (events) => {
        slices++
        // Scoring started afresh while the second refresh's slices were going out (a new live source).
        if (slices === askAgainAtSlice) void svc.refresh()
        for (const key of new Set(events.map((e) => `${e.venue}:${e.symbol}`)))
          times.set(key, (times.get(key) ?? 0) + 1)
      },
      publish: () => {},
      log: () => {},
      sliceGapMs: 20,
    })
    svc.start()
    await svc.refresh()
    const firstSlices = slices
    expect(firstSlices).toBeGreaterThan(2)
    askAgainAtSlice = firstSlices + 2
    await svc.refresh()
    svc.stop()
    // Each scorable market: once in the first refresh, once in the second, once more after the request.
    expect(times.size).toBeGreaterThan(200)
    expect(new Set(times.values())).toEqual(new Set([3]))
  }, 90_000)
})
