import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ccxt from 'ccxt'
import { describe, expect, it } from 'vitest'
import { startEmulator } from '../emulator/emulator'
import { applyBaseUrlOverride } from '../connectors/url-override'
import { createSizingMarketLookup } from './sizing-markets'
import { loadBundledTiers } from './bundled-tiers'
import { readTiersCache, refreshTiersCache, tiersCachePath } from './tiers-cache'

const SOURCE = resolve(__dirname, '../../../../../shared/data/leverage-tiers/binance_leverage_tiers.json')
const recorded = JSON.parse(readFileSync(SOURCE, 'utf8')) as Record<string, unknown>

/** Stands in for a ccxt exchange: serves the recorded fetchLeverageTiers output. */
const fetcher = (data: Record<string, unknown>) => ({ fetchLeverageTiers: async () => data })

describe('tiers disk cache', () => {
  it('stores a fetch with its date and reads it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-tiers-cache-'))
    expect(readTiersCache(dir, 'binanceusdm')).toBeNull()
    const nowMs = Date.UTC(2026, 10, 21, 12, 0, 0)
    const r = await refreshTiersCache(
      fetcher({ 'BTC/USDT:USDT': recorded['BTC/USDT:USDT'] }),
      'binanceusdm',
      dir,
      nowMs,
    )
    expect(r).toEqual({ path: tiersCachePath(dir, 'binanceusdm'), markets: 1, skipped: [] })
    const cache = readTiersCache(dir, 'binanceusdm')!
    expect(cache.snapshotDate).toBe('2026-11-21')
    expect(cache.source).toMatch(/2026-11-21T12:00:00.000Z/)
    // BTC bracket 2 as recorded: 50000–600000, 0.005, 100x, cum 50.0
    expect(cache.markets.get('BTC/USDT:USDT')?.tiers[1]).toMatchObject({
      maintenanceMarginRate: 0.005,
      maintenanceAmount: 50,
      maxLeverage: 100,
    })
  })

  it("takes lots and ticks from ccxt's markets, loaded here from the recorded exchangeInfo", async () => {
    const emu = await startEmulator({ port: 0, speed: 1 })
    try {
      const ex = new ccxt.binanceusdm()
      applyBaseUrlOverride(ex.urls.api as Record<string, unknown>, { restUrl: emu.restUrl })
      await ex.loadMarkets()
      const dir = mkdtempSync(join(tmpdir(), 'radar-tiers-cache-'))
      await refreshTiersCache(
        {
          fetchLeverageTiers: async () => ({ 'BTC/USDT:USDT': recorded['BTC/USDT:USDT'] }),
          markets: ex.markets,
        },
        'binanceusdm',
        dir,
      )
      const cache = readTiersCache(dir, 'binanceusdm')!
      // BTCUSDT in the 2021-07-22 exchangeInfo: LOT_SIZE stepSize 0.001, minQty 0.001; PRICE_FILTER tickSize 0.01.
      expect(cache.markets.get('BTC/USDT:USDT')?.lot).toEqual({ step: 0.001, min: 0.001, tick: 0.01 })
      expect(cache.lotSizeNote).toMatch(/ccxt's binanceusdm markets/)
    } finally {
      await emu.close()
    }
  })

  it('keeps the previous cache when a fetch fails or returns a bad table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-tiers-cache-'))
    await refreshTiersCache(fetcher({ 'ETH/USDT:USDT': recorded['ETH/USDT:USDT'] }), 'binanceusdm', dir, 0)
    const failing = { fetchLeverageTiers: async () => Promise.reject(new Error('network down')) }
    await expect(refreshTiersCache(failing, 'binanceusdm', dir)).rejects.toThrow('network down')
    await expect(
      refreshTiersCache(
        fetcher({ 'X/USDT:USDT': [{ minNotional: 5, maxNotional: 1, maintenanceMarginRate: 0.1 }] }),
        'binanceusdm',
        dir,
      ),
    ).rejects.toThrow(/X\/USDT:USDT/)
    expect([...readTiersCache(dir, 'binanceusdm')!.markets.keys()]).toEqual(['ETH/USDT:USDT'])
  })

  it('derives a Bybit tier amount that the raw risk limit omits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-tiers-cache-'))
    // 0–2,000,000 at 0.5 %, 2,000,000–2,600,000 at 0.56 %: amount 2,000,000 × 0.0006 = 1,200
    const bybit = {
      'BTC/USDT:USDT': [
        {
          tier: 1,
          currency: 'USDT',
          minNotional: 0,
          maxNotional: 2e6,
          maintenanceMarginRate: 0.005,
          maxLeverage: 100,
          info: {},
        },
        {
          tier: 2,
          currency: 'USDT',
          minNotional: 2e6,
          maxNotional: 2.6e6,
          maintenanceMarginRate: 0.0056,
          maxLeverage: 90,
          info: {},
        },
      ],
    }
    await refreshTiersCache(fetcher(bybit), 'bybit', dir, 0)
    expect(
      readTiersCache(dir, 'bybit')?.markets.get('BTC/USDT:USDT')?.tiers[1]?.maintenanceAmount,
    ).toBeCloseTo(1_200, 6)
  })

  it('the lookup prefers a fetched cache to the bundled snapshot, and says which it used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-tiers-cache-'))
    await refreshTiersCache(
      fetcher({ 'BTC/USDT:USDT': recorded['BTC/USDT:USDT'] }),
      'binanceusdm',
      dir,
      Date.UTC(2026, 0, 2),
    )
    const lookup = createSizingMarketLookup({
      bundled: loadBundledTiers(),
      caches: { binanceusdm: readTiersCache(dir, 'binanceusdm')! },
    })
    expect(lookup('binanceusdm', 'BTC/USDT:USDT')?.source).toMatchObject({
      kind: 'cache',
      date: '2026-01-02',
    })
    expect(lookup('binanceusdm', 'ETH/USDT:USDT')?.source).toMatchObject({
      kind: 'snapshot',
      date: '2024-10-24',
    })
    expect(lookup('bybit', 'BTC/USDT:USDT')).toBeNull()
    writeFileSync(tiersCachePath(dir, 'bybit'), 'not json')
    expect(() => readTiersCache(dir, 'bybit')).toThrow(tiersCachePath(dir, 'bybit'))
  })
})
