import type { LongShortKind, MarketEvent } from '../../../../shared/market-event'
import { isPerpSymbol } from '../../../../shared/market-event'
import {
  BINANCE_LONG_SHORT,
  fetchFuturesData,
  longShortFromRow,
  openInterestFromRow,
  takerVolumeFromRow,
} from '../binance-futures-data'
import type { Row } from '../binance-futures-data'
import { implicitApi, watchMethod } from '../ccxt-internals'
import { DAY_MS, attempt } from '../history-deps'
import type { CcxtLiquidation, CcxtTrade } from '../normalize'
import { fundingEvent, liquidationEvent, markEvent } from '../normalize'
import { pageBackwardOldestFirst } from '../paginate'
import type { BackfillOptions } from '../connector-options'
import type { HistoryDeps } from '../history-deps'
import type { WatchedMarket } from '../market-streams'
import type { VenueAdapter } from './venue-adapter'
import { binanceUniverse } from '../universe/universe-fetch'

type Info = Record<string, unknown>

/** Binance USDⓈ-M: mark price stream (mark, index, funding), all-market liquidations, /futures/data history. */
export const binanceusdm: VenueAdapter = {
  fetchUniverse: binanceUniverse,
  venue: 'binanceusdm',
  candleTimeframe: ['5m', 300],
  fundingPageSize: 1000,
  klinePageSize: 1500,
  historyTasks: [
    'open interest history',
    'taker volume history',
    ...Object.keys(BINANCE_LONG_SHORT).map((kind) => `${kind} long/short history`),
  ],
  // Raw klines: ccxt's OHLCV drops the taker buy volume (index 9), which VPIN and the liquidation map read.
  klinePage: (d, m, timeframe, endMs) =>
    d.budget.run(() =>
      implicitApi<Row>(
        d.ex,
        'fapiPublicGetKlines',
      )({
        symbol: m.marketId,
        interval: timeframe,
        limit: 1500,
        ...(endMs === null ? {} : { endTime: endMs }),
      }),
    ) as Promise<unknown[][]>,
  // aggTrades page backwards by id: the newest page first, then the 1,000 ids before the oldest held.
  tradePage: (d, m, oldest) =>
    d.budget.run(() =>
      d.ex.fetchTrades(
        m.symbol,
        undefined,
        1000,
        oldest === null ? {} : { fromId: Math.max(0, Number(oldest.id) - 1000) },
      ),
    ) as Promise<CcxtTrade[]>,
  pollsOpenInterest: true,
  perpStreams: (ex, m, ctx) => [
    {
      stream: 'mark',
      watch: () => watchMethod<[string]>(ex, 'watchMarkPrice')(m.symbol),
      toEvents: (v, now) => {
        const info = (v as { info: Info }).info
        const ts = Number(info.E)
        return [
          markEvent(ctx(now), ts, info.p, info.i),
          fundingEvent(ctx(now), ts, info.r, m.fundingIntervalHours, info.T, false),
        ].filter((e) => e !== null)
      },
    },
  ],
  // One all-market stream (`!forceOrder@arr`), filtered to the watched perps.
  venueStreams: (ex, watched) =>
    [...watched.keys()].some(isPerpSymbol)
      ? [
          {
            stream: 'liquidation',
            watch: () => watchMethod<[string[]]>(ex, 'watchLiquidationsForSymbols')([]),
            toEvents: (v, now) =>
              (v as (CcxtLiquidation & { symbol?: string })[])
                .filter((l) => l.symbol !== undefined && watched.has(l.symbol))
                .map((l) =>
                  liquidationEvent({ venue: 'binanceusdm', symbol: l.symbol as string, receiveTsMs: now }, l),
                )
                .filter((e) => e !== null),
          },
        ]
      : [],
  // Binance lists the symbols whose interval differs from its 8 h default in /fapi/v1/fundingInfo.
  fundingIntervals: async (ex, symbols, budget) => {
    const list = (await budget
      .run(() => implicitApi<undefined>(ex, 'fapiPublicGetFundingInfo')(undefined))
      .catch(() => [])) as { symbol?: string; fundingIntervalHours?: number }[]
    const byId = new Map(list.map((r) => [r.symbol, Number(r.fundingIntervalHours)]))
    const out = new Map<string, number>()
    for (const symbol of symbols)
      if (isPerpSymbol(symbol)) out.set(symbol, byId.get(ex.markets?.[symbol]?.id ?? '') ?? 8)
    return out
  },
  pollLongShort: async (d, m) => {
    const ctx = { venue: 'binanceusdm' as const, symbol: m.symbol, receiveTsMs: Date.now() }
    const events: MarketEvent[] = []
    for (const [kind, method] of Object.entries(BINANCE_LONG_SHORT) as [LongShortKind, string][]) {
      const rows = await d.budget.run(() => fetchFuturesData(d.ex, method, m.marketId, 1, null))
      const e = rows[0] ? longShortFromRow(ctx, kind, rows[0]) : null
      if (e) events.push(e)
    }
    return events
  },
  openInterestHistory: (d, m, o) =>
    futuresDataHistory(d, m, o, [
      ['open interest history', 'fapiDataGetOpenInterestHist', (r) => openInterestFromRow(ctxOf(m), r)],
    ]),
  seedHistory: (d, m, o) =>
    futuresDataHistory(d, m, o, [
      ['taker volume history', 'fapiDataGetTakerlongshortRatio', (r) => takerVolumeFromRow(ctxOf(m), r)],
    ]),
  extraHistory: (d, m, o) =>
    futuresDataHistory(d, m, o, [
      ...(Object.entries(BINANCE_LONG_SHORT) as [LongShortKind, string][]).map(([kind, method]): Series => [
        `${kind} long/short history`,
        method,
        (r) => longShortFromRow(ctxOf(m), kind, r),
      ]),
    ]),
}

type Series = [name: string, method: string, toEvent: (r: Row) => MarketEvent | null]

const ctxOf = (m: WatchedMarket) => ({
  venue: 'binanceusdm' as const,
  symbol: m.symbol,
  receiveTsMs: Date.now(),
})

/** Pages each /futures/data series of one perp back over the history window, oldest first. */
async function futuresDataHistory(
  d: HistoryDeps,
  m: WatchedMarket,
  o: BackfillOptions,
  series: Series[],
): Promise<void> {
  for (const [name, method, toEvent] of series) {
    const task = `${d.venue} ${m.symbol} ${name}`
    await attempt(d, task, () =>
      pageBackwardOldestFirst<Row>(
        task,
        (end) => d.budget.run(() => fetchFuturesData(d.ex, method, m.marketId, 500, end)),
        (r) => Number(r.timestamp),
        o.historyDays * DAY_MS,
        o.maxPages,
        (rows) => d.emit(rows.map(toEvent).filter((e) => e !== null)),
        d.progress,
      ),
    )
  }
}
