import type { MarketEvent } from '../../../../shared/market-event'
import type { BybitCcxtLiquidation } from '../bybit-liquidations'
import { bybitLiquidationEvents } from '../bybit-liquidations'
import { implicitApi, liquidationCache, watchMethod } from '../ccxt-internals'
import type { WatchedMarket } from '../market-streams'
import type { Row } from '../binance-futures-data'
import { fundingEvent, markEvent, openInterestEvent, toFiniteOrNull } from '../normalize'
import { DAY_MS, attempt } from '../history-deps'
import type { HistoryDeps } from '../history-deps'
import type { BackfillOptions } from '../connector-options'
import { pageBackwardOldestFirst } from '../paginate'
import type { ConnectorVenue } from '../url-override'
import type { VenueAdapter } from './venue-adapter'
import { bybitUniverse } from '../universe/universe-fetch'

type Info = Record<string, unknown>

/** Bybit v5 linear: one ticker stream carries mark, index, funding and OI; liquidations per symbol. */
export const bybit: VenueAdapter = {
  fetchUniverse: bybitUniverse,
  venue: 'bybit',
  // Bybit streams fixed depths; 200 is offered for spot and linear alike.
  bookLimit: 200,
  candleTimeframe: ['1m', 60],
  fundingPageSize: 200,
  klinePageSize: 1000,
  pollsOpenInterest: false,
  historyTasks: ['open interest history', 'globalAccounts long/short history'],
  // A linear contract's `openInterest` is in the base coin (contract size 1).
  openInterestHistory: (d, m, o) =>
    bybitSeries(
      d,
      m,
      o,
      'open interest history',
      'publicGetV5MarketOpenInterest',
      200,
      { intervalTime: '5min' },
      (r) =>
        openInterestEvent(
          { venue: d.venue, symbol: m.symbol, receiveTsMs: Date.now() },
          Number(r.timestamp),
          { contracts: r.openInterest, usd: null },
          m,
        ),
    ),
  perpStreams: (ex, m, ctx) => {
    const seen = new WeakSet<object>()
    return [
      {
        stream: 'ticker',
        watch: () => ex.watchTicker(m.symbol),
        // ccxt leaves a Bybit ticker's timestamp unset; the receive time stands in for the exchange time.
        toEvents: (v, now) =>
          bybitTickerEvents(
            m,
            (v as { info: Info; timestamp?: number }).info,
            (v as { timestamp?: number }).timestamp ?? now,
            ctx(now),
          ),
      },
      {
        stream: 'liquidation',
        watch: () => watchMethod<[string]>(ex, 'watchLiquidations')(m.symbol),
        toEvents: (v, now) =>
          bybitLiquidationEvents(
            ctx(now),
            v as BybitCcxtLiquidation[],
            liquidationCache<BybitCcxtLiquidation[]>(ex),
            m.contractSize,
            seen,
          ),
      },
    ]
  },
  // Bybit states each linear market's interval in minutes in its instrument info.
  fundingIntervals: async (ex, symbols) => {
    const out = new Map<string, number>()
    for (const symbol of symbols) {
      const info = ex.markets?.[symbol]?.info as Info | undefined
      if (info?.fundingInterval !== undefined) out.set(symbol, Number(info.fundingInterval) / 60)
    }
    return out
  },
  pollLongShort: async (d, m) => {
    const fn = implicitApi<Row>(d.ex, 'publicGetV5MarketAccountRatio')
    const res = (await d.budget.run(() =>
      fn({ category: 'linear', symbol: m.marketId, period: '5min', limit: 1 }),
    )) as { result?: { list?: Row[] } }
    const r = res.result?.list?.[0]
    const e = r ? accountRatioEvent(d, m, r) : null
    return e ? [e] : []
  },
  extraHistory: (d, m, o) =>
    bybitSeries(
      d,
      m,
      o,
      'globalAccounts long/short history',
      'publicGetV5MarketAccountRatio',
      500,
      {
        period: '5min',
      },
      (r) => accountRatioEvent(d, m, r),
    ),
}

/** `buyRatio` / `sellRatio` of a `/v5/market/account-ratio` row: the share of accounts long and short. */
function accountRatioEvent(d: HistoryDeps, m: WatchedMarket, r: Row): MarketEvent | null {
  const buy = toFiniteOrNull(r.buyRatio)
  const sell = toFiniteOrNull(r.sellRatio)
  const ts = toFiniteOrNull(r.timestamp)
  if (buy === null || sell === null || !(sell > 0) || ts === null) return null
  return {
    type: 'longShort',
    venue: d.venue,
    symbol: m.symbol,
    receiveTsMs: Date.now(),
    exchangeTsMs: ts,
    kind: 'globalAccounts',
    ratio: buy / sell,
    longShare: buy,
    shortShare: sell,
    periodMinutes: 5,
  }
}

/**
 * One of Bybit's 5-minute history series (open interest, account ratio) of a linear perp: `pageSize` rows a
 * request, newest first, paged back by `endTime` over the history window and delivered oldest first.
 */
async function bybitSeries(
  d: HistoryDeps,
  m: WatchedMarket,
  o: BackfillOptions,
  name: string,
  method: string,
  pageSize: number,
  params: Record<string, string>,
  toEvent: (r: Row) => MarketEvent | null,
): Promise<void> {
  const task = `${d.venue} ${m.symbol} ${name}`
  const fn = implicitApi<Row>(d.ex, method)
  await attempt(d, task, () =>
    pageBackwardOldestFirst<Row>(
      task,
      async (end) => {
        const res = (await d.budget.run(() =>
          fn({
            category: 'linear',
            symbol: m.marketId,
            ...params,
            limit: pageSize,
            ...(end === null ? {} : { endTime: end }),
          }),
        )) as { result?: { list?: Row[] } }
        return res.result?.list ?? []
      },
      (r) => Number(r.timestamp),
      o.historyDays * DAY_MS,
      o.maxPages,
      (rows) => d.emit(rows.map(toEvent).filter((e) => e !== null)),
      d.progress,
      pageSize,
    ),
  )
}

/** Bybit's linear ticker carries mark, index, funding and OI; ccxt merges its deltas into `info`. */
function bybitTickerEvents(
  m: WatchedMarket,
  info: Info,
  tsMs: number,
  ctx: { venue: ConnectorVenue; symbol: string; receiveTsMs: number },
): MarketEvent[] {
  const out: MarketEvent[] = []
  const markKey = `${info.markPrice}|${info.indexPrice}`
  if (markKey !== m.lastMark) {
    const e = markEvent(ctx, tsMs, info.markPrice, info.indexPrice)
    if (e) out.push(e)
    m.lastMark = markKey
  }
  const hours = Number(info.fundingIntervalHour) || m.fundingIntervalHours
  const fundKey = `${info.fundingRate}|${info.nextFundingTime}|${hours}`
  if (fundKey !== m.lastFunding) {
    const e = fundingEvent(ctx, tsMs, info.fundingRate, hours ?? null, info.nextFundingTime, false)
    if (e) out.push(e)
    m.lastFunding = fundKey
  }
  const oiKey = `${info.openInterest}|${info.openInterestValue}`
  if (oiKey !== m.lastOi) {
    const e = openInterestEvent(ctx, tsMs, { contracts: info.openInterest, usd: info.openInterestValue }, m)
    if (e) out.push(e)
    m.lastOi = oiKey
  }
  return out
}
