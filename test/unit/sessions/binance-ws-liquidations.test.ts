import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { binanceWsImporter } from '../../../src/main/engine/sessions/importers/binance-ws'

/** A USDⓈ-M trade message as the recordings hold it; X is Binance's order type of the fill. */
const line = (recvNs: string, t: number, p: string, q: string, x: string, m: boolean) =>
  `${recvNs} {"stream":"btcusdt@trade","data":{"e":"trade","E":${1723161256322 + t},"T":${1723161256322 + t},"s":"BTCUSDT","t":${5266583935 + t},"p":"${p}","q":"${q}","X":"${x}","m":${m}}}`

describe('binance-ws: insurance-fund and ADL fills are liquidations', () => {
  it('keeps every fill as a trade and adds a liquidation for the forced ones', async () => {
    const d = join(mkdtempSync(join(tmpdir(), 'radar-ws-')), 'usdm')
    mkdirSync(d)
    const p = join(d, 'btcusdt_20240808.gz')
    const text = [
      line('1723161255088176367', 0, '61800.30', '0.006', 'MARKET', false),
      line('1723161255088276367', 1, '61790.00', '0.500', 'INSURANCE_FUND', true),
      line('1723161255088376367', 2, '61810.00', '0.200', 'ADL', false),
    ].join('\n')
    writeFileSync(p, gzipSync(Buffer.from(text + '\n')))
    const r = await binanceWsImporter.run([p], {})
    expect(r.events.filter((e) => e.type === 'trade')).toHaveLength(3)
    // 0.5 BTC sold by the liquidation engine at 61,790 = 30,895 USD of a long; 0.2 BTC bought by ADL at 61,810.
    expect(r.events.filter((e) => e.type === 'liquidation')).toMatchObject([
      { positionSide: 'long', price: 61790, qtyBase: 0.5, usd: 30895, exchangeTsMs: 1723161256323 },
      { positionSide: 'short', price: 61810, qtyBase: 0.2, exchangeTsMs: 1723161256324 },
    ])
    expect(r.stats).toMatchObject({ insuranceFundTrades: 1, adlTrades: 1 })
  })
})
