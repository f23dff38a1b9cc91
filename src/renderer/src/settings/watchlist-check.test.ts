import { describe, expect, it } from 'vitest'
import { settingsPatchSchema } from '../../../shared/settings'
import { WATCHLIST_MAX_MARKETS, checkWatchlist } from './watchlist-check'

const keys = (n: number): string[] => Array.from({ length: n }, (_, i) => `binanceusdm:C${i}/USDT:USDT`)

describe('watchlist check', () => {
  it('keeps valid markets in order, drops blanks and repeats', () => {
    const r = checkWatchlist(' binanceusdm:BTC/USDT:USDT\n\nbybit:ETH/USDT:USDT\nbinanceusdm:BTC/USDT:USDT')
    expect(r).toEqual({ markets: ['binanceusdm:BTC/USDT:USDT', 'bybit:ETH/USDT:USDT'], problems: [] })
  })

  it('names each bad line in words', () => {
    expect(checkWatchlist('BTCUSDT\nkraken:BTC/USD\nbinanceusdm:' + 'X'.repeat(70)).problems).toEqual([
      'Line 1, “BTCUSDT”, is not venue:symbol (e.g. binanceusdm:BTC/USDT:USDT).',
      'Line 2: “kraken” is not a live venue (binanceusdm, binance, binancecoinm, bybit, okx).',
      'Line 3 is 82 characters; a market is at most 64.',
    ])
  })

  it('refuses a list longer than the settings file takes, saying how many to remove', () => {
    // The cap is the settings schema's own: 300 entries pass it, 301 do not.
    expect(settingsPatchSchema.safeParse({ watchlist: keys(WATCHLIST_MAX_MARKETS) }).success).toBe(true)
    expect(settingsPatchSchema.safeParse({ watchlist: keys(WATCHLIST_MAX_MARKETS + 1) }).success).toBe(false)
    const r = checkWatchlist(keys(412).join('\n'))
    expect(r.problems).toEqual([
      'The watchlist holds at most 300 markets with full streams; this one has 412. Remove 112 (every perp of an enabled venue is on the radar without a watchlist entry).',
    ])
  })
})
