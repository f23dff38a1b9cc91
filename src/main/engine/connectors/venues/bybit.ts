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
  historyTasks: ['open interest history'],
  openInterestHistory: bybitOpenInterestHistory,
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
    const ctx = { venue: d.venue, symbol: m.symbol, receiveTsMs: Date.now() }
    const fn = implicitApi<Row>(d.ex, 'publicGetV5MarketAccountRatio')
    const res = (await d.budget.run(() =>
      fn({ category: 'linear', symbol: m.marketId, period: '5min', limit: 1 }),
    )) as { result?: { list?: Row[] } }
    const r = res.result?.list?.[0]
    const buy = toFiniteOrNull(r?.buyRatio)
    const sell = toFiniteOrNull(r?.sellRatio)
    if (!r || buy === null || sell === null || !(sell > 0)) return []
    return [
      {
        type: 'longShort',
        ...ctx,
        exchangeTsMs: Number(r.timestamp),
        kind: 'globalAccounts',
        ratio: buy / sell,
        longShare: buy,
        shortShare: sell,
        periodMinutes: 5,
      },
    ]
  },
}

/**
 * `/v5/market/open-interest` at 5-minute bars, 200 a request, paged back by `endTime` over the history window,
 * oldest first. A linear contract's `openInterest` is in the base coin (contract size 1).
 */
async function bybitOpenInterestHistory(d: HistoryDeps, m: WatchedMarket, o: BackfillOptions): Promise<void> {
  const task = `${d.venue} ${m.symbol} open interest history`
  const fn = implicitApi<Row>(d.ex, 'publicGetV5MarketOpenInterest')
  const ctx = () => ({ venue: d.venue, symbol: m.symbol, receiveTsMs: Date.now() })
  await attempt(d, task, () =>
    pageBackwardOldestFirst<Row>(
      task,
      async (end) => {
        const res = (await d.budget.run(() =>
          fn({
            category: 'linear',
            symbol: m.marketId,
            intervalTime: '5min',
            limit: 200,
            ...(end === null ? {} : { endTime: end }),
          }),
        )) as { result?: { list?: Row[] } }
        return res.result?.list ?? []
      },
      (r) => Number(r.timestamp),
      o.historyDays * DAY_MS,
      o.maxPages,
      (rows) =>
        d.emit(
          rows
            .map((r) =>
              openInterestEvent(ctx(), Number(r.timestamp), { contracts: r.openInterest, usd: null }, m),
            )
            .filter((e) => e !== null),
        ),
      d.progress,
      200,
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
