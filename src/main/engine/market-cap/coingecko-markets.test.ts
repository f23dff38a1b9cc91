import { describe, expect, it } from 'vitest'
import { coinsMarketsUrl, parseCoinsMarkets, resolveCoingeckoBaseUrl } from './coingecko-markets'
import { COINS_MARKETS_FIXTURE } from './coingecko-markets.fixture'

describe('CoinGecko /coins/markets', () => {
  it('reads market cap, circulating supply and last_updated per asked-for symbol', () => {
    const { caps } = parseCoinsMarkets(COINS_MARKETS_FIXTURE, ['BTC', 'ETH', 'OP'])
    expect(Object.keys(caps).sort()).toEqual(['BTC', 'ETH', 'OP'])
    expect(caps.BTC).toEqual({
      asset: 'BTC',
      coinId: 'bitcoin',
      marketCapUsd: 1_300_000_000_000,
      circulatingSupply: 20_000_000,
      // 2024-12-01T10:30:00Z
      lastUpdatedMs: Date.UTC(2024, 11, 1, 10, 30),
    })
    expect(caps.ETH?.marketCapUsd).toBe(420_000_000_000)
    // the fixture's market_cap over circulating_supply gives its current_price back: 1.3e12 / 2e7 = 65,000
    expect(caps.BTC!.marketCapUsd / caps.BTC!.circulatingSupply!).toBe(65_000)
  })

  it('takes the larger coin where two share a symbol, and skips a null market cap without making it 0', () => {
    const { caps, skipped } = parseCoinsMarkets(COINS_MARKETS_FIXTURE, ['BTC', 'ETH', 'OP'])
    // optimism (2e9) over some-other-op (5e6)
    expect(caps.OP?.coinId).toBe('optimism')
    expect(caps.OP?.marketCapUsd).toBe(2_000_000_000)
    // the null-cap ETH token (row 5) neither replaces ethereum nor appears as 0
    expect(caps.ETH?.coinId).toBe('ethereum')
    expect(skipped).toEqual(['row 5 (eth): market_cap is null'])
  })

  it('ignores coins that were not asked for', () => {
    const { caps } = parseCoinsMarkets(COINS_MARKETS_FIXTURE, ['btc'])
    expect(Object.keys(caps)).toEqual(['BTC'])
    expect(caps.DOGE).toBeUndefined()
  })

  it('says which row and field is wrong and keeps the valid rows', () => {
    const body = [
      { symbol: 'btc', market_cap: 1 },
      { id: 'ethereum', symbol: 'eth', market_cap: '4e11' },
      COINS_MARKETS_FIXTURE[2],
    ]
    const { caps, skipped } = parseCoinsMarkets(body, ['BTC', 'ETH', 'OP'])
    expect(Object.keys(caps)).toEqual(['OP'])
    expect(skipped[0]).toMatch(/^row 1: id /)
    expect(skipped[1]).toMatch(/^row 2: market_cap /)
  })

  it('refuses an answer that is not a list of coins', () => {
    // CoinGecko's rate-limit answer is an object, not an array
    expect(() => parseCoinsMarkets({ status: { error_code: 429 } }, ['BTC'])).toThrow(
      'CoinGecko /coins/markets answered object, expected an array of coins',
    )
  })

  it('builds the request URL from an API base or a bare origin', () => {
    expect(coinsMarketsUrl('https://api.coingecko.com/api/v3', ['BTC', 'ETH', 'OP'])).toBe(
      'https://api.coingecko.com/api/v3/coins/markets?vs_currency=usd&symbols=btc%2Ceth%2Cop&per_page=250&page=1',
    )
    expect(resolveCoingeckoBaseUrl('http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000/api/v3')
    expect(resolveCoingeckoBaseUrl('http://127.0.0.1:9000/')).toBe('http://127.0.0.1:9000/api/v3')
    expect(resolveCoingeckoBaseUrl('http://proxy.local/cg/api/v3/')).toBe('http://proxy.local/cg/api/v3')
    expect(() => resolveCoingeckoBaseUrl('ftp://x')).toThrow('must be http(s)')
    expect(() => coinsMarketsUrl('http://x', [])).toThrow('no assets')
    const many = Array.from({ length: 51 }, (_, i) => `A${i}`)
    expect(() => coinsMarketsUrl('http://x', many)).toThrow('at most 50 symbols')
  })
})
