import { describe, expect, it } from 'vitest'
import { mergeMarketCaps } from './merge-market-caps'
import { applyEvents, createScoringState, snapshotMarket } from '../../../shared/scoring/scoring-state'
import { T0, oi, trade } from '../../../shared/scoring/test-fixtures'
import type { MarketEvent } from '../../../shared/market-event'

const KEY = 'binanceusdm:BTC/USDT:USDT'

/** BTC at 100 with 1,000 BTC of open interest: OI = 100,000 USD. */
function btcOi(): MarketEvent[] {
  return [trade(T0, 100, 1, 'buy'), oi(T0 + 1, 1000, null), trade(T0 + 2000, 100, 1, 'buy')]
}

function oiMcap(capsUsd: Record<string, number>) {
  const s = createScoringState({ marketCapUsdByAsset: capsUsd })
  applyEvents(s, btcOi())
  return snapshotMarket(s, KEY)!.metrics['oi-mcap']!
}

describe('market-cap precedence', () => {
  it('a value typed in Settings wins, a fetched one fills the rest, and neither leaves the asset out', () => {
    const merged = mergeMarketCaps({ BTC: 1e6, sol: 3e6 }, { BTC: 2e6, ETH: 4e6 })
    expect(merged).toEqual({ BTC: 1e6, ETH: 4e6, SOL: 3e6 })
    expect('OP' in merged).toBe(false)
  })

  it('drives OI / market cap: manual > fetched > n/a, never 0', () => {
    // manual 1,000,000 beats fetched 2,000,000: 100,000 / 1,000,000 = 0.1
    expect(oiMcap(mergeMarketCaps({ BTC: 1e6 }, { BTC: 2e6 })).value).toBeCloseTo(0.1, 12)
    // fetched only: 100,000 / 2,000,000 = 0.05
    expect(oiMcap(mergeMarketCaps({}, { BTC: 2e6 })).value).toBeCloseTo(0.05, 12)
    // neither: n/a with a reason
    const none = oiMcap(mergeMarketCaps({}, { ETH: 4e6 }))
    expect(none.value).toBeNull()
    expect(none.reason).toContain('no market cap')
  })

  it('treats zero, negative and non-finite caps as absent', () => {
    expect(mergeMarketCaps({ BTC: 0 }, { BTC: 2e6, ETH: -1, OP: Number.NaN })).toEqual({ BTC: 2e6 })
  })
})
