import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../../../src/shared/market-event'
import { pollMarket } from '../../../src/main/engine/connectors/history'
import type { ConnectorVenue } from '../../../src/main/engine/connectors/url-override'
import { historyDeps, recordedMarketsExchange } from './helpers'

/*
 * Endpoints no recording covers are served from the venues' published documentation examples, for the
 * instrument each example names only (docs/emulator.md). Expected values are the examples' own figures.
 */
const okx = recordedMarketsExchange('okx', ['spot', 'swap'])
const bybit = recordedMarketsExchange('bybit', ['spot', 'linear'])

async function poll(
  venue: ConnectorVenue,
  rec: typeof okx,
  symbol: string,
  what: 'openInterest' | 'longShort',
): Promise<{ events: MarketEvent[]; error: unknown }> {
  const events: MarketEvent[] = []
  const d = historyDeps(rec.ex(), venue, events)
  try {
    await pollMarket(d, rec.watched(symbol), what)
    return { events, error: null }
  } catch (error) {
    return { events, error }
  }
}

describe('published example payloads served by the emulator', () => {
  it("OKX's open-interest example reaches the radar's poller for BTC-USDT-SWAP only", async () => {
    // {"instId":"BTC-USDT-SWAP","oi":"2125419","oiCcy":"21254.19","ts":"1664005108969"}: 2,125,419 contracts
    // of 0.01 BTC (the recorded instrument's ctVal) = 21,254.19 BTC, as OKX's own oiCcy says.
    const { events } = await poll('okx', okx, 'BTC/USDT:USDT', 'openInterest')
    expect(events).toEqual([
      expect.objectContaining({
        type: 'openInterest',
        exchangeTsMs: 1664005108969,
        oiContracts: 2125419,
        oiBase: 21254.19,
      }),
    ])
    // Another swap has no example and no recording: refused in OKX's shape, no value.
    const other = await poll('okx', okx, 'UNI/USD:UNI', 'openInterest')
    expect(other.events).toEqual([])
    expect(String(other.error)).toMatch(/no recorded OKX open-interest/)
  })

  it("Bybit's account-ratio example reaches the long/short poller for BTCUSDT", async () => {
    // {"symbol":"BTCUSDT","buyRatio":"0.5707","sellRatio":"0.4293","timestamp":"1729123200000"}
    const { events } = await poll('bybit', bybit, 'BTC/USDT:USDT', 'longShort')
    expect(events).toEqual([
      expect.objectContaining({
        type: 'longShort',
        kind: 'globalAccounts',
        exchangeTsMs: 1729123200000,
        longShare: 0.5707,
        shortShare: 0.4293,
      }),
    ])
    expect((events[0] as { ratio: number }).ratio).toBeCloseTo(0.5707 / 0.4293, 12)
    const eth = await poll('bybit', bybit, 'ETH/USDT:USDT', 'longShort')
    expect(eth.events).toEqual([])
    expect(String(eth.error)).toMatch(/account-ratio has no recording/)
  })
})
