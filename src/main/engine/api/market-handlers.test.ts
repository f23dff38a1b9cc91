import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadBundledTiers } from '../sizing/bundled-tiers'
import { createSizingMarketLookup } from '../sizing/sizing-markets'
import { readTiersCaches, refreshTiersCache, tiersCachePath } from '../sizing/tiers-cache'
import type { EngineServices } from '../services'
import { marketHandlers } from './market-handlers'

const SOURCE = resolve(__dirname, '../../../../../shared/data/leverage-tiers/binance_leverage_tiers.json')
const recorded = JSON.parse(readFileSync(SOURCE, 'utf8')) as Record<string, unknown>

/** The handlers over a real cache folder and the bundled snapshot, as the services wire them. */
function handlersOver(cacheDir: string, damaged: string[] = []) {
  const bundled = loadBundledTiers()
  const services = {
    tiers: () => bundled,
    sizingMarkets: () =>
      createSizingMarketLookup({ bundled, caches: readTiersCaches(cacheDir, (v) => damaged.push(v)) }),
  } as unknown as EngineServices
  return marketHandlers(services)
}

describe('getLeverageTiers', () => {
  it('answers from a refreshed cache first, with its date and lot, and from the bundle for what it lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-tiers-'))
    await refreshTiersCache(
      {
        fetchLeverageTiers: async () => ({ 'ETH/USDT:USDT': recorded['ETH/USDT:USDT'] }),
        markets: {
          'ETH/USDT:USDT': { linear: true, contractSize: 1, precision: { amount: 0.001, price: 0.01 } },
        },
      },
      'binanceusdm',
      dir,
      Date.UTC(2026, 10, 20),
    )
    const h = handlersOver(dir)
    const eth = h.getLeverageTiers({ venue: 'binanceusdm', symbol: 'ETH/USDT:USDT' })
    expect(eth.asOf).toBe('2026-11-20')
    expect(eth.lot).toEqual({ step: 0.001, min: 0.001, tick: 0.01 })
    expect(eth.lotSource).toMatch(/loaded 2026-11-20/)
    // BTC is not in the cache: the bundled snapshot of 2024-10-24, its first bracket capped at 50,000.
    const btc = h.getLeverageTiers({ venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' })
    expect(btc.asOf).toBe('2024-10-24')
    expect(btc.tiers[0]).toMatchObject({ minNotional: 0, maxNotional: 50_000, maintenanceMarginRate: 0.004 })
  })

  it('falls back to the bundle past a damaged cache, and names an unknown market', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-tiers-'))
    writeFileSync(tiersCachePath(dir, 'binanceusdm'), '{"venue": ')
    const damaged: string[] = []
    const h = handlersOver(dir, damaged)
    expect(h.getLeverageTiers({ venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' }).asOf).toBe('2024-10-24')
    expect(damaged).toEqual(['binanceusdm'])
    expect(() => h.getLeverageTiers({ venue: 'okx', symbol: 'BTC/USDT:USDT' })).toThrow(/okx:BTC\/USDT:USDT/)
    expect(() => h.getLeverageTiers({ venue: 'binanceusdm', symbol: 'NOPE/USDT:USDT' })).toThrow(
      /no maintenance-margin tiers for binanceusdm:NOPE\/USDT:USDT/,
    )
  })
})
