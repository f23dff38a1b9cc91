import type { LongShortKind, MarketEvent } from '../../../../shared/market-event'
import { implicitApi, watchMethod } from '../ccxt-internals'
import type { Row } from '../binance-futures-data'
import { OkxBookVerifier } from '../okx-book-verifier'
import type { OkxFunding, OkxMark } from '../okx-derivatives'
import {
  OKX_LONG_SHORT,
  okxFundingEvent,
  okxLiquidationEvents,
  okxLongShortFromRow,
  okxMarkEvent,
} from '../okx-derivatives'
import type { CcxtTrade } from '../normalize'
import { openInterestEvent } from '../normalize'
import { DAY_MS, attempt } from '../history-deps'
import type { HistoryDeps } from '../history-deps'
import type { BackfillOptions } from '../connector-options'
import type { WatchedMarket } from '../market-streams'
import { pageBackwardOldestFirst } from '../paginate'
import type { VenueAdapter } from './venue-adapter'
import { okxUniverse } from '../universe/universe-fetch'

/** OKX v5: mark, funding and liquidation channels per swap; OI and long/short polled; books checksummed. */
export const okx: VenueAdapter = {
  fetchUniverse: okxUniverse,
  venue: 'okx',
  candleTimeframe: ['5m', 300],
  fundingPageSize: 100,
  // ccxt 4.5.84's okx fetchFundingRateHistory sends no end for `until`: every page would be the newest one.
  // OKX's `after` returns the rows earlier than the given funding time.
  fundingPageEnd: (endMs) => ({ after: String(endMs + 1) }),
  // OKX's history candles come 100 a request.
  klinePageSize: 100,
  /**
   * The newest 500 trades (`/market/trades`), then `/market/history-trades` 100 at a time before the oldest held
   * (by trade id; OKX keeps three months), so the warm start pages back like Binance's aggTrades.
   */
  tradePage: (d, m, oldest) =>
    d.budget.run(() =>
      oldest === null
        ? d.ex.fetchTrades(m.symbol, undefined, 500)
        : d.ex.fetchTrades(m.symbol, undefined, 100, {
            method: 'publicGetMarketHistoryTrades',
            type: '1',
            after: oldest.id,
          }),
    ) as Promise<CcxtTrade[]>,
  pollsOpenInterest: true,
  historyTasks: [
    'open interest history',
    ...Object.keys(OKX_LONG_SHORT).map((kind) => `${kind} long/short history`),
  ],
  // Rows `[ts, oi (contracts), oiCcy (coins), oiUsd]`.
  openInterestHistory: (d, m, o) =>
    okxSeries(d, m, o, 'open interest history', 'publicGetRubikStatContractsOpenInterestHistory', (r) =>
      openInterestEvent(
        { venue: d.venue, symbol: m.symbol, receiveTsMs: Date.now() },
        Number(r[0]),
        { contracts: r[1], base: r[2], usd: r[3] },
        m,
      ),
    ),
  // Rows `[ts, ratio]` of each of the three ratios the poller reads.
  extraHistory: async (d, m, o) => {
    for (const [kind, method] of Object.entries(OKX_LONG_SHORT) as [LongShortKind, string][])
      await okxSeries(d, m, o, `${kind} long/short history`, method, (r) =>
        okxLongShortFromRow({ venue: d.venue, symbol: m.symbol, receiveTsMs: Date.now() }, kind, r),
      )
  },
  perpStreams: (ex, m, ctx) => [
    {
      stream: 'mark',
      watch: () => watchMethod<[string]>(ex, 'watchMarkPrice')(m.symbol),
      toEvents: (v, now) => {
        const e = okxMarkEvent(ctx(now), v as OkxMark)
        return e ? [e] : []
      },
    },
    {
      stream: 'funding',
      watch: () => ex.watchFundingRate(m.symbol),
      toEvents: (v, now) => {
        const e = okxFundingEvent(ctx(now), v as OkxFunding, m.fundingIntervalHours)
        return e ? [e] : []
      },
    },
    {
      stream: 'liquidation',
      watch: () => watchMethod<[string[]]>(ex, 'watchLiquidationsForSymbols')([m.symbol]),
      toEvents: (v, now) =>
        (v as { info?: Record<string, unknown> }[]).flatMap((l) => okxLiquidationEvents(ctx(now), l.info, m)),
    },
  ],
  // OKX's funding interval comes with each funding message (okx-derivatives), not from the instrument list.
  fundingIntervals: async () => new Map(),
  pollLongShort: async (d, m) => {
    const ctx = { venue: d.venue, symbol: m.symbol, receiveTsMs: Date.now() }
    const events: MarketEvent[] = []
    // Each ratio on its own: a venue refusing one (OKX serves the three from separate endpoints) must not
    // throw away the others; only when all three fail does the round fail, with the first refusal.
    let firstError: unknown = null
    for (const [kind, method] of Object.entries(OKX_LONG_SHORT) as [LongShortKind, string][]) {
      const fn = implicitApi<Row>(d.ex, method)
      try {
        const res = (await d.budget.run(() => fn({ instId: m.marketId, period: '5m', limit: 1 }))) as {
          data?: unknown[]
        }
        const e = okxLongShortFromRow(ctx, kind, res.data?.[0])
        if (e) events.push(e)
      } catch (err) {
        firstError ??= err
      }
    }
    if (events.length === 0 && firstError !== null) throw firstError
    return events
  },
  bookVerifier: () => new OkxBookVerifier(),
}

/**
 * One of OKX's rubik 5-minute series of a swap (open interest, long/short ratios): 100 rows a request, newest
 * first, paged back by `end` over the history window and delivered oldest first. OKX keeps the newest 1,440 rows
 * of a period (5 d of 5-minute rows), so that is the reach whatever the window asks.
 */
async function okxSeries(
  d: HistoryDeps,
  m: WatchedMarket,
  o: BackfillOptions,
  name: string,
  method: string,
  toEvent: (r: unknown[]) => MarketEvent | null,
): Promise<void> {
  const task = `${d.venue} ${m.symbol} ${name}`
  const fn = implicitApi<Row>(d.ex, method)
  await attempt(d, task, () =>
    pageBackwardOldestFirst<unknown[]>(
      task,
      async (end) => {
        const res = (await d.budget.run(() =>
          fn({ instId: m.marketId, period: '5m', limit: 100, ...(end === null ? {} : { end }) }),
        )) as { data?: unknown[] }
        return (res.data ?? []).filter(Array.isArray)
      },
      (r) => Number(r[0]),
      o.historyDays * DAY_MS,
      o.maxPages,
      (rows) => d.emit(rows.map(toEvent).filter((e) => e !== null)),
      d.progress,
      100,
    ),
  )
}
