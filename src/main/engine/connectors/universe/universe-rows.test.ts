import { describe, expect, it } from 'vitest'
import { binanceUniverseRows } from './binance-universe'
import { bybitUniverseRows } from './bybit-universe'
import { okxUniverseRows } from './okx-universe'
import { universeEvents } from './universe-events'
import type { PerpRef } from './perp-ref'

const perp = (id: string, symbol: string, listedH: number | null = null): PerpRef => ({
  id,
  symbol,
  base: symbol.split('/')[0] as string,
  listedFundingIntervalHours: listedH,
})

describe('Binance universe rows (premiumIndex + ticker/24hr, OI per symbol)', () => {
  // Binance's published examples for the three endpoints (USDⓈ-M API docs).
  const premium = [
    {
      symbol: 'BTCUSDT',
      markPrice: '11793.63104562',
      indexPrice: '11781.80495970',
      estimatedSettlePrice: '11781.16138815',
      lastFundingRate: '0.00038246',
      interestRate: '0.00010000',
      nextFundingTime: 1597392000000,
      time: 1597370495002,
    },
  ]
  const tickers = [
    { symbol: 'BTCUSDT', lastPrice: '4.00000200', priceChangePercent: '-95.960', quoteVolume: '15.30000000' },
  ]
  const oi = new Map([['BTCUSDT', { oiBase: 10659.509, tsMs: 1589437530011 }]])
  const rows = binanceUniverseRows(
    [perp('BTCUSDT', 'BTC/USDT:USDT'), perp('ETHUSDT', 'ETH/USDT:USDT')],
    premium,
    tickers,
    oi,
    new Map([['ETH/USDT:USDT', 4]]),
    'waiting for its open-interest turn',
    1_600_000_000_000,
  )

  it('fills every figure of a listed perp, OI valued at the mark', () => {
    const btc = rows[0]!
    expect(btc.key).toBe('binanceusdm:BTC/USDT:USDT')
    expect(btc.markPrice).toBe(11793.63104562)
    expect(btc.indexPrice).toBe(11781.8049597)
    expect(btc.fundingRatePerPeriod).toBe(0.00038246)
    expect(btc.fundingIntervalHours).toBe(8) // not in fundingInfo: Binance's default
    expect(btc.nextFundingTsMs).toBe(1597392000000)
    expect(btc.asOfMs).toBe(1597370495002)
    expect(btc.lastPrice).toBe(4.000002)
    expect(btc.change24hFraction).toBeCloseTo(-0.9596, 12) // -95.960 %
    expect(btc.volume24hUsd).toBe(15.3)
    // 10,659.509 BTC × 11,793.63104562 USD = 125,714,316.27 USD (calculator)
    expect(btc.oiUsd).toBeCloseTo(125_714_316.27, 1)
    expect(btc.missing).toEqual({})
  })

  it('a perp the replies leave out is missing everything, each with a reason, never zero', () => {
    const eth = rows[1]!
    expect(eth.fundingIntervalHours).toBe(4)
    for (const f of [eth.lastPrice, eth.markPrice, eth.fundingRatePerPeriod, eth.oiUsd, eth.volume24hUsd])
      expect(f).toBeNull()
    expect(eth.missing.funding).toBe('not in the premium index reply')
    expect(eth.missing.oi).toBe('waiting for its open-interest turn')
    expect(eth.missing.volume24h).toBe('not in the 24 h ticker reply')
  })
})

describe('Bybit universe rows (one /v5/market/tickers?category=linear reply)', () => {
  // tickers.SOLUSDT as recorded in exchange-ws-recordings/BYBIT.jsonl.zst (the REST list has these fields).
  const sol = {
    symbol: 'SOLUSDT',
    price24hPcnt: '0.01337',
    lastPrice: '77.310',
    prevPrice24h: '76.290',
    markPrice: '77.310',
    indexPrice: '77.339',
    openInterest: '6738053.9',
    openInterestValue: '520918947.01',
    turnover24h: '276851254.5170',
    volume24h: '3615929.0000',
    fundingIntervalHour: '8',
    nextFundingTime: '1786320000000',
    fundingRate: '0.00000876',
  }
  const reply = { retCode: 0, result: { category: 'linear', list: [sol] }, time: 1786310819280 }

  it('reads price, 24 h change, funding with its interval, OI value and turnover', () => {
    const [row, missing] = bybitUniverseRows(
      [perp('SOLUSDT', 'SOL/USDT:USDT', 4), perp('XYZUSDT', 'XYZ/USDT:USDT', 2)],
      reply,
      0,
    )
    expect(row).toMatchObject({
      key: 'bybit:SOL/USDT:USDT',
      lastPrice: 77.31,
      markPrice: 77.31,
      indexPrice: 77.339,
      change24hFraction: 0.01337, // 77.310 / 76.290 − 1 = 0.013370…
      fundingRatePerPeriod: 0.00000876,
      fundingIntervalHours: 8, // the reply's own interval wins over the listing's
      nextFundingTsMs: 1786320000000,
      oiUsd: 520918947.01,
      volume24hUsd: 276851254.517,
      asOfMs: 1786310819280,
      missing: {},
    })
    expect(missing!.fundingIntervalHours).toBe(2)
    expect(missing!.oiUsd).toBeNull()
    expect(missing!.missing.oi).toBe('not in the tickers reply')
  })
})

describe('OKX universe rows (tickers, open interest and funding for all swaps)', () => {
  // Shapes of OKX's v5 docs examples.
  const tickers = {
    data: [
      { instId: 'BTC-USDT-SWAP', last: '9999.99', open24h: '9000', volCcy24h: '2222', ts: '1597026383085' },
    ],
  }
  const oi = { data: [{ instId: 'BTC-USDT-SWAP', oi: '5000', oiCcy: '555.55', oiUsd: '50000' }] }
  const funding = {
    data: [
      {
        instId: 'BTC-USDT-SWAP',
        fundingRate: '0.0000792386885340',
        fundingTime: '1703088000000',
        nextFundingTime: '1703116800000',
      },
    ],
  }
  const perps = [perp('BTC-USDT-SWAP', 'BTC/USDT:USDT')]

  it('derives the 24 h change, USD volume and the funding interval', () => {
    const [row] = okxUniverseRows(perps, tickers, oi, funding, 0)
    expect(row!.change24hFraction).toBeCloseTo(0.11111, 10) // 9,999.99 / 9,000 − 1
    expect(row!.volume24hUsd).toBeCloseTo(22_219_977.78, 6) // 2,222 BTC × 9,999.99
    expect(row!.oiUsd).toBe(50000)
    expect(row!.fundingRatePerPeriod).toBe(0.000079238688534)
    expect(row!.fundingIntervalHours).toBe(8) // (1703116800000 − 1703088000000) / 3,600,000
    expect(row!.nextFundingTsMs).toBe(1703088000000)
  })

  it('a refused call leaves its fields missing with the venue’s reason, and the rest filled', () => {
    const [row] = okxUniverseRows(
      perps,
      tickers,
      { data: [{ instId: 'BTC-USDT-SWAP', oiCcy: '2' }] },
      { error: 'the venue refused: 50011 Too Many Requests' },
      0,
    )
    expect(row!.oiUsd).toBeCloseTo(19_999.98, 6) // no oiUsd: 2 BTC × last 9,999.99
    expect(row!.fundingRatePerPeriod).toBeNull()
    expect(row!.fundingIntervalHours).toBeNull()
    expect(row!.missing.funding).toBe('the venue refused: 50011 Too Many Requests')
    expect(row!.lastPrice).toBe(9999.99)
  })
})

describe('universe rows as scoring events', () => {
  it('emits mark, funding and OI for tier-1 markets only, and nothing for a missing figure', () => {
    const rows = bybitUniverseRows(
      [perp('SOLUSDT', 'SOL/USDT:USDT', 8), perp('BTCUSDT', 'BTC/USDT:USDT', 8)],
      {
        result: {
          list: [
            { symbol: 'SOLUSDT', markPrice: '77.31', indexPrice: '77.339', openInterestValue: '5' },
            { symbol: 'BTCUSDT', markPrice: '60000', fundingRate: '0.0001', openInterestValue: '9' },
          ],
        },
        time: 1000,
      },
      0,
    )
    const events = universeEvents(rows, new Set(['bybit:BTC/USDT:USDT']), 2000)
    expect(events.map((e) => `${e.symbol} ${e.type}`)).toEqual([
      'SOL/USDT:USDT mark',
      'SOL/USDT:USDT openInterest',
    ])
    expect(events[1]).toMatchObject({ oiUsd: 5, oiBase: null, exchangeTsMs: 1000, receiveTsMs: 2000 })
  })
})
