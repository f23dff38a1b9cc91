import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../../../src/shared/market-event'
import type { HistoryDeps } from '../../../src/main/engine/connectors/history-deps'
import type { ConnectorVenue } from '../../../src/main/engine/connectors/url-override'
import { okx as okxAdapter } from '../../../src/main/engine/connectors/venues/okx'
import { bybit as bybitAdapter } from '../../../src/main/engine/connectors/venues/bybit'
import type { VenueAdapter } from '../../../src/main/engine/connectors/venues/venue-adapter'
import { backfillOptions, historyDeps, recordedMarketsExchange } from './helpers'

/*
 * History endpoints served from published documentation examples (docs/emulator.md, "Published examples"),
 * read through ccxt's own parsers and the radar's history loaders; the ones with no payload stay refused.
 * Expected values are the examples' own figures as OKX's documentation (quoted in ccxt 4.5.84) prints them.
 */
const okx = recordedMarketsExchange('okx', ['spot', 'swap'])
const bybit = recordedMarketsExchange('bybit', ['spot', 'linear'])

// OKX's published contract long/short account ratio: 2024-10-19 07:40, 07:35, 07:30 UTC, each 0.9398602814619824.
const RATIO = 0.9398602814619824
const RATIO_TS = [1729323000000, 1729323300000, 1729323600000]

const OPTS = backfillOptions()

async function loadHistory(
  venue: ConnectorVenue,
  rec: typeof okx,
  symbol: string,
  load: (a: VenueAdapter, d: HistoryDeps) => Promise<unknown> | undefined,
): Promise<{ events: MarketEvent[]; failed: Map<string, string> }> {
  const events: MarketEvent[] = []
  const failed = new Map<string, string>()
  const d = historyDeps(rec.ex(), venue, events, (task, why) =>
    failed.set(task.replace(`${venue} ${symbol} `, ''), why),
  )
  await load(venue === 'okx' ? okxAdapter : bybitAdapter, d)
  return { events, failed }
}

describe("OKX's contract long/short ratio: a replicated published example", () => {
  it("parses through ccxt's own fetchLongShortRatioHistory for the swap asked", async () => {
    for (const symbol of ['BTC/USDT:USDT', 'UNI/USD:UNI']) {
      const rows = (await okx.ex().fetchLongShortRatioHistory(symbol, '5m')) as {
        symbol: string
        timestamp: number
        longShortRatio: number
      }[]
      expect(rows.map((r) => r.timestamp)).toEqual(RATIO_TS)
      expect(rows.every((r) => r.symbol === symbol && r.longShortRatio === RATIO)).toBe(true)
    }
  })

  it('pages by end and limit as OKX does', async () => {
    const ex = okx.ex()
    const older = (await ex.fetchLongShortRatioHistory('BTC/USDT:USDT', '5m', undefined, undefined, {
      until: 1729323300000,
    })) as { timestamp: number }[]
    expect(older.map((r) => r.timestamp)).toEqual([1729323000000, 1729323300000])
    const newest = (await ex.fetchLongShortRatioHistory('BTC/USDT:USDT', '5m', undefined, 1)) as {
      timestamp: number
    }[]
    expect(newest.map((r) => r.timestamp)).toEqual([1729323600000])
  })

  it('reaches the warm start as the global accounts history; the top-trader ratios stay refused', async () => {
    const m = okx.watched('BTC/USDT:USDT')
    const { events, failed } = await loadHistory('okx', okx, 'BTC/USDT:USDT', (a, d) =>
      a.extraHistory?.(d, m, OPTS),
    )
    expect(events).toEqual(
      RATIO_TS.map((ts) =>
        expect.objectContaining({
          type: 'longShort',
          kind: 'globalAccounts',
          exchangeTsMs: ts,
          ratio: RATIO,
        }),
      ),
    )
    expect([...failed.keys()].sort()).toEqual([
      'topAccounts long/short history',
      'topPositions long/short history',
    ])
    for (const why of failed.values()) expect(why).toMatch(/has no recording in the emulator/)
  })
})

describe('history endpoints with no recording and no usable published example stay refused', () => {
  it("OKX's rubik open-interest history answers the emulator's no-recording error", async () => {
    const m = okx.watched('BTC/USDT:USDT')
    const { events, failed } = await loadHistory('okx', okx, 'BTC/USDT:USDT', (a, d) =>
      a.openInterestHistory?.(d, m, OPTS),
    )
    expect(events).toEqual([])
    expect(failed.get('open interest history')).toMatch(
      /open-interest-history has no recording in the emulator/,
    )
  })

  it("Bybit's linear open-interest history is refused (the published example is an inverse contract's, in USD)", async () => {
    const m = bybit.watched('BTC/USDT:USDT')
    const { events, failed } = await loadHistory('bybit', bybit, 'BTC/USDT:USDT', (a, d) =>
      a.openInterestHistory?.(d, m, OPTS),
    )
    expect(events).toEqual([])
    expect(failed.get('open interest history')).toMatch(/open-interest has no recording in the emulator/)
  })
})

describe("OKX's funding-rate history example pages as OKX does", () => {
  it('serves its rows through ccxt, and none older than the published fundingTime', async () => {
    const ex = okx.ex()
    const rows = (await ex.fetchFundingRateHistory('BTC/USDT:USDT', undefined, 100)) as {
      timestamp: number
      fundingRate: number
    }[]
    // ccxt reads `realizedRate` (0.017) as the settled rate; both published rows are the same settlement.
    expect(rows).toEqual([
      expect.objectContaining({ timestamp: 1597026383085, fundingRate: 0.017 }),
      expect.objectContaining({ timestamp: 1597026383085, fundingRate: 0.017 }),
    ])
    expect(
      await ex.fetchFundingRateHistory('BTC/USDT:USDT', undefined, 100, { after: '1597026383085' }),
    ).toEqual([])
    // ccxt asks `before = since - 1`: a `since` just after the settlement leaves nothing newer.
    expect(await ex.fetchFundingRateHistory('BTC/USDT:USDT', 1597026383086)).toEqual([])
  })
})
