import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tardisImporter } from '../../../src/main/engine/sessions/importers/tardis'
import { TARDIS_EXCHANGES } from '../../../src/main/engine/sessions/importers/tardis-exchanges'
import type { MarketEvent } from '../../../src/shared/market-event'

/** Tardis CSV layouts as tardis.dev documents them (datasets: trades, derivative_ticker). */
const TRADES = 'exchange,symbol,timestamp,local_timestamp,id,side,price,amount'
const TICKER =
  'exchange,symbol,timestamp,local_timestamp,funding_timestamp,funding_rate,predicted_funding_rate,open_interest,last_price,index_price,mark_price'

function file(name: string, text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'radar-tardis-')), name)
  writeFileSync(p, text)
  return p
}

const trades = (r: { events: MarketEvent[] }) =>
  r.events.filter((e): e is Extract<MarketEvent, { type: 'trade' }> => e.type === 'trade')

describe('Tardis symbols through the exchange table', () => {
  it('parses each exchange by its own grammar', () => {
    const sym = (ex: string, raw: string) => {
      const m = TARDIS_EXCHANGES[ex]!.parse(raw)
      return typeof m === 'string' ? m : m.symbol
    }
    expect(sym('binance-delivery', 'DOTUSD_PERP')).toBe('DOT/USD:DOT')
    expect(sym('binance-delivery', 'BTCUSD_240927')).toBe('BTC/USD:BTC-240927')
    expect(sym('binance-futures', 'BTCUSDT')).toBe('BTC/USDT:USDT')
    expect(sym('binance', 'BTCTUSD')).toBe('BTC/TUSD')
    expect(sym('coinbase', 'BTC-USD')).toBe('BTC/USD')
    expect(sym('kraken', 'XBT/USD')).toBe('BTC/USD')
    expect(sym('bitstamp', 'btcusd')).toBe('BTC/USD')
    expect(sym('okex-swap', 'BTC-USD-SWAP')).toBe('BTC/USD:BTC')
    expect(sym('okex-swap', 'ETH-USDT-SWAP')).toBe('ETH/USDT:USDT')
    expect(sym('okex-futures', 'BTC-USD-220527')).toBe('BTC/USD:BTC-220527')
    expect(sym('bybit', 'BTCUSD')).toBe('BTC/USD:BTC')
    expect(sym('bybit-spot', 'ETHUSDT')).toBe('ETH/USDT')
    expect(sym('deribit', 'ETH-PERPETUAL')).toBe('ETH/USD:ETH')
    expect(sym('bitmex', 'XBTUSD')).toBe('BTC/USD:BTC')
    expect(sym('huobi-dm-swap', 'BTC-USD')).toBe('BTC/USD:BTC')
    expect(sym('gate-io', 'BTC_USDT')).toBe('BTC/USDT')
    expect(sym('hyperliquid', 'BTC')).toBe('BTC/USDC:USDC')
    // Contracts whose size the table does not hold are refused, not guessed.
    expect(sym('okex-swap', 'PEPE-USDT-SWAP')).toMatch(
      /contract size of PEPE-USDT-SWAP on okex-swap is not in/,
    )
    expect(sym('deribit', 'BTC-27DEC24-100000-C')).toMatch(/not a Deribit perpetual/)
  })
})

describe('Tardis files per family, values checked by hand', () => {
  it('Coinbase spot trades (with a byte-order mark)', async () => {
    const p = file(
      'coinbase_trades_2023-04-05_BTC-USD.csv',
      `\ufeff${TRADES}\ncoinbase,BTC-USD,1680652800123000,1680652800150000,512345678,buy,28150.25,0.015\n`,
    )
    const [t] = trades(await tardisImporter.run([p], {}))
    expect(t).toEqual({
      type: 'trade',
      venue: 'coinbase',
      symbol: 'BTC/USD',
      exchangeTsMs: 1680652800123,
      receiveTsMs: 1680652800150,
      price: 28150.25,
      qtyBase: 0.015,
      takerSide: 'buy',
      tradeId: '512345678',
    })
  })

  it('COIN-M DOTUSD_PERP: 8 contracts of 10 USD at 6.40 = 12.5 DOT', async () => {
    const p = file(
      'binance-delivery_trades_2024-08-08_DOTUSD_PERP.csv',
      `${TRADES}\nbinance-delivery,DOTUSD_PERP,1723161600000000,1723161600010000,7781,sell,6.40,8\n`,
    )
    const [t] = trades(await tardisImporter.run([p], {}))
    expect(t).toMatchObject({ venue: 'binancecoinm', symbol: 'DOT/USD:DOT', price: 6.4 })
    expect(t!.qtyBase).toBeCloseTo(12.5, 12)
  })

  it('inverse perps: Bybit BTCUSD 1,000 contracts of 1 USD at 25,000 = 0.04 BTC; Deribit 5,000 USD at 20,000 = 0.25 BTC', async () => {
    const bybit = file(
      'bybit_trades_2023-04-05_BTCUSD.csv',
      `${TRADES}\nbybit,BTCUSD,1680652800000000,1680652800001000,a1b2,buy,25000,1000\n`,
    )
    const deribit = file(
      'deribit_trades_2023-04-05_BTC-PERPETUAL.csv',
      `${TRADES}\nderibit,BTC-PERPETUAL,1680652800000000,1680652800002000,250001,sell,20000,5000\n`,
    )
    const r = await tardisImporter.run([bybit, deribit], {})
    const [a, b] = trades(r)
    expect(a).toMatchObject({ venue: 'bybit', symbol: 'BTC/USD:BTC' })
    expect(a!.qtyBase).toBeCloseTo(0.04, 12)
    expect(b).toMatchObject({ venue: 'deribit', symbol: 'BTC/USD:BTC' })
    expect(b!.qtyBase).toBeCloseTo(0.25, 12)
  })

  it('OKX linear swap: 12 contracts of 0.01 BTC = 0.12 BTC', async () => {
    const p = file(
      'okex-swap_trades_2023-04-05_BTC-USDT-SWAP.csv',
      `${TRADES}\nokex-swap,BTC-USDT-SWAP,1680652800000000,1680652800001000,998,buy,28000,12\n`,
    )
    expect(trades(await tardisImporter.run([p], {}))[0]!.qtyBase).toBeCloseTo(0.12, 12)
  })

  it('Hyperliquid derivative_ticker: hourly funding, open interest in coins', async () => {
    const p = file(
      'hyperliquid_derivative_ticker_2024-08-08_BTC.csv',
      `${TICKER}\nhyperliquid,BTC,1723161600000000,1723161600100000,1723165200000000,0.0000125,,1500.5,61000,60990,61005\n`,
    )
    const r = await tardisImporter.run([p], {})
    expect(r.events).toMatchObject([
      { type: 'mark', venue: 'hyperliquid', symbol: 'BTC/USDC:USDC', markPrice: 61005, indexPrice: 60990 },
      {
        type: 'funding',
        fundingRatePerPeriod: 0.0000125,
        fundingIntervalHours: 1,
        nextFundingTsMs: 1723165200000,
      },
      { type: 'openInterest', oiContracts: 1500.5, oiBase: 1500.5, oiUsd: 1500.5 * 61005 },
    ])
  })

  it('rows in ms among µs, a 1970 row and a zero price are skipped with their lines', async () => {
    const p = file(
      'binance-futures_trades_2023-04-04_BTCUSDT.csv',
      [
        TRADES,
        'binance-futures,BTCUSDT,1680652700452000,1680652700441533,1,sell,28145.10,0.002',
        'binance-futures,BTCUSDT,1680652700452,1680652700441,2,sell,28145.10,0.002',
        'binance-futures,BTCUSDT,86400000000,86400000000,3,sell,28145.10,0.002',
        'binance-futures,BTCUSDT,1680652700453000,1680652700442000,4,buy,0,0.002',
        '',
      ].join('\n'),
    )
    const r = await tardisImporter.run([p], {})
    expect(trades(r).map((t) => t.tradeId)).toEqual(['1'])
    expect(r.badRows.map((b) => [b.line, b.reason])).toEqual([
      [3, 'timestamp 1680652700452 is not in µs between 2009 and 2100'],
      [4, 'timestamp 86400000000 is not in µs between 2009 and 2100'],
      [5, 'price 0 is not a price (must be > 0 and < 1000000000000)'],
    ])
  })
})

describe('Tardis refusals, up front', () => {
  const good = () =>
    file(
      'binance-futures_trades_2023-04-04_BTCUSDT.csv',
      `${TRADES}\nbinance-futures,BTCUSDT,1680652700452000,1680652700441533,1,sell,28145.10,0.002\n`,
    )

  it('an unknown exchange stops the run before the file beside it is imported', async () => {
    const bad = file(
      'ftx_trades_2022-11-08_BTC-PERP.csv',
      `${TRADES}\nftx,BTC-PERP,1667865600000000,1667865600000000,1,buy,20000,1\n`,
    )
    let progress = 0
    await expect(tardisImporter.run([good(), bad], { onProgress: () => progress++ })).rejects.toThrow(
      /^ftx_trades_2022-11-08_BTC-PERP\.csv:2: exchange "ftx" is not one the radar maps/,
    )
    expect(progress).toBe(0)
  })

  it('a --venue that contradicts the file is refused with file and line', async () => {
    const p = file(
      'coinbase_trades.csv',
      `${TRADES}\ncoinbase,WLD-USD,1700000000000000,1700000000000000,1,buy,2.1,10\n`,
    )
    await expect(tardisImporter.run([p], { venue: 'binance' })).rejects.toThrow(
      'coinbase_trades.csv:2: --venue binance contradicts the file, whose exchange "coinbase" is coinbase',
    )
  })

  it('the text of a file that is not Tardis data never reaches the message', async () => {
    const p = file('passwd_trades.csv', `${TRADES}\nroot:x:0:0:root:/root:/bin/bash s3cret,a,b,c,d,e,f,g\n`)
    const err = await tardisImporter.run([p], {}).catch((e: Error) => e.message)
    expect(err).toMatch(/passwd_trades\.csv:2: exchange \(\d+ characters\) is not one the radar maps/)
    expect(err).not.toContain('s3cret')
  })
})
