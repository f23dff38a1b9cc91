import { describe, expect, it } from 'vitest'
import { lotRowProblem, lotsFromBinanceExchangeInfo, lotsFromCcxtMarkets } from './market-lot'

describe('market lots', () => {
  it('reads perpetuals from a Binance exchangeInfo answer and skips delivery contracts', () => {
    const lots = lotsFromBinanceExchangeInfo({
      symbols: [
        {
          symbol: 'BTCUSDT',
          contractType: 'PERPETUAL',
          baseAsset: 'BTC',
          quoteAsset: 'USDT',
          marginAsset: 'USDT',
          filters: [
            { filterType: 'PRICE_FILTER', tickSize: '0.10' },
            { filterType: 'LOT_SIZE', stepSize: '0.001', minQty: '0.002' },
          ],
        },
        {
          symbol: 'BTCUSDT_240628',
          contractType: 'CURRENT_QUARTER',
          baseAsset: 'BTC',
          quoteAsset: 'USDT',
          marginAsset: 'USDT',
          filters: [{ filterType: 'LOT_SIZE', stepSize: '0.001', minQty: '0.001' }],
        },
      ],
    })
    expect(lots).toEqual({ 'BTC/USDT:USDT': { step: 0.001, min: 0.002, tick: 0.1 } })
    expect(() => lotsFromBinanceExchangeInfo({ code: -1121 })).toThrow(/symbols/)
  })

  it('scales ccxt contract amounts to base units and leaves inverse markets out', () => {
    const lots = lotsFromCcxtMarkets({
      // OKX BTC-USDT-SWAP: lotSz 1 contract of ctVal 0.01 BTC, tickSz 0.1.
      'BTC/USDT:USDT': {
        linear: true,
        contractSize: 0.01,
        precision: { amount: 1, price: 0.1 },
        limits: { amount: { min: 1 } },
      },
      // A 0.1-contract step of 0.01 BTC is 0.001 BTC exactly, not 0.0010000000000000002.
      'ETH/USDT:USDT': { linear: true, contractSize: 0.01, precision: { amount: 0.1 } },
      'BTC/USD:BTC': { linear: false, contractSize: 100, precision: { amount: 1, price: 0.1 } },
      'X/USDT:USDT': { linear: true, precision: {} },
    })
    expect(lots).toEqual({
      'BTC/USDT:USDT': { step: 0.01, min: 0.01, tick: 0.1 },
      'ETH/USDT:USDT': { step: 0.001, min: 0.001, tick: null },
    })
  })

  it('names what is wrong with a lot row', () => {
    expect(lotRowProblem([0.001, 0.001, 0.01])).toBeNull()
    expect(lotRowProblem([0.001, 0.001, null])).toBeNull()
    expect(lotRowProblem([0.001, -1, null])).toMatch(/min/)
    expect(lotRowProblem([0.001, 0, 0])).toMatch(/tick/)
    expect(lotRowProblem('0.001')).toMatch(/\[step, min, tick\]/)
  })
})
