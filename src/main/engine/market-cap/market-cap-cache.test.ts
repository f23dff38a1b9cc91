import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  cachedCapsUsd,
  createCache,
  isCacheStale,
  marketCapCachePath,
  readMarketCapCache,
  writeMarketCapCache,
} from './market-cap-cache'
import { parseCoinsMarkets } from './coingecko-markets'
import { COINS_MARKETS_FIXTURE } from './coingecko-markets.fixture'

const HOUR = 3_600_000

describe('market-cap cache', () => {
  it('lives in cache/market-caps.json and round-trips with its fetch time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-mcap-'))
    const path = marketCapCachePath(dir)
    expect(path).toBe(join(dir, 'cache', 'market-caps.json'))
    expect(readMarketCapCache(path)).toEqual({ cache: null, warning: null })
    const { caps } = parseCoinsMarkets(COINS_MARKETS_FIXTURE, ['BTC', 'ETH', 'OP', 'SOL'])
    const fetchedAtMs = Date.UTC(2024, 11, 1, 11, 0)
    writeMarketCapCache(path, createCache(fetchedAtMs, ['BTC', 'ETH', 'OP', 'SOL'], caps))
    const back = readMarketCapCache(path)
    expect(back.warning).toBeNull()
    expect(back.cache?.fetchedAtMs).toBe(fetchedAtMs)
    expect(back.cache?.requestedAssets).toEqual(['BTC', 'ETH', 'OP', 'SOL'])
    expect(cachedCapsUsd(back.cache)).toEqual({ BTC: 1.3e12, ETH: 4.2e11, OP: 2e9 })
    expect(JSON.parse(readFileSync(path, 'utf8')).caps.OP.circulatingSupply).toBe(1e9)
  })

  it('is stale only after more than 24 h', () => {
    const c = createCache(0, [], {})
    expect(isCacheStale(c, 24 * HOUR)).toBe(false)
    expect(isCacheStale(c, 24 * HOUR + 1)).toBe(true)
  })

  it('ignores a damaged file and says what was wrong and where', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-mcap-'))
    const path = marketCapCachePath(dir)
    mkdirSync(join(dir, 'cache'))
    writeFileSync(path, '{"version":1,')
    const broken = readMarketCapCache(path)
    expect(broken.cache).toBeNull()
    expect(broken.warning).toContain(`${path} is not valid JSON`)
    writeFileSync(path, JSON.stringify({ ...createCache(5, ['BTC'], {}), fetchedAtMs: 'yesterday' }))
    const wrong = readMarketCapCache(path)
    expect(wrong.cache).toBeNull()
    expect(wrong.warning).toContain('field "fetchedAtMs"')
  })
})
