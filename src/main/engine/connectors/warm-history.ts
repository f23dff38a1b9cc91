import type { CandleEvent, MarketEvent, TradeEvent } from '../../../shared/market-event'
import type { BackfillOptions } from './connector-options'
import type { HistoryDeps } from './history-deps'
import { DAY_MS, attempt } from './history-deps'
import type { WatchedMarket } from './market-streams'
import type { CcxtTrade } from './normalize'
import { candleEvent, toFiniteOrNull, tradeEvent } from './normalize'
import { pageBackwardOldestFirst } from './paginate'
import type { ConnectorVenue } from './url-override'
import { adapterFor } from './venues'

const MINUTE_MS = 60_000

/** What a perp's seed history delivers: its events in time order, and the newest backfilled trade's time. */
export interface SeedHistory {
  events: MarketEvent[]
  newestTradeMs: number | null
}

/**
 * The history every time-ordered consumer needs before the first live trade: open interest, candles (the
 * venue's coarse bars over the history window, 1-minute klines over the last day), taker buy/sell volume and
 * the recent trades. The scorer's price bars, VPIN and the liquidation map each read events in time order
 * (a bar once closed is never reopened), so the series are collected, trimmed where a finer one covers the
 * same time (coarse bars < 1-minute klines < trades) and handed over as one time-ordered batch.
 */
export async function seedMarketHistory(
  d: HistoryDeps,
  m: WatchedMarket,
  o: BackfillOptions,
): Promise<SeedHistory> {
  const adapter = adapterFor(d.venue)
  const [tf, sec] = adapter.candleTimeframe
  // Every task is announced at 0 % first, so progress reads "2 of 9", not "2 of the 2 started so far".
  for (const name of plannedHistoryTasks(d.venue, o))
    d.progress({ task: `${d.venue} ${m.symbol} ${name}`, pages: 0, rows: 0, fraction: 0, done: false })
  const events: MarketEvent[] = []
  const collect: HistoryDeps = { ...d, emit: (batch) => events.push(...batch) }
  await adapter.openInterestHistory?.(collect, m, o)
  await adapter.seedHistory?.(collect, m, o)
  let coarse = await pageCandles(d, m, tf, sec, o.historyDays * DAY_MS, o.maxPages)
  let fine: CandleEvent[] = []
  if (sec > 60 && o.klineMinutes > 0) {
    fine = await pageCandles(d, m, '1m', 60, o.klineMinutes * MINUTE_MS, o.maxPages)
    coarse = outside(coarse, fine[0]?.openTsMs, fine[fine.length - 1]?.exchangeTsMs)
  }
  const trades = await recentTrades(d, m, o)
  const first = trades[0]?.exchangeTsMs
  const last = trades[trades.length - 1]?.exchangeTsMs
  if (sec > 60) fine = outside(fine, first, last)
  else coarse = outside(coarse, first, last)
  events.push(...coarse, ...fine, ...trades)
  // Stable: at one time, OI and taker volume come before the candle and trades of the next bar.
  events.sort((a, b) => orderTime(a) - orderTime(b))
  return { events, newestTradeMs: last ?? null }
}

/**
 * The history tasks a perp of this venue loads, by the names its progress is reported under (the seed's, then
 * funding and the adapter's later series); the screens read them to say which metric waits on which.
 */
export function plannedHistoryTasks(venue: ConnectorVenue, o: BackfillOptions): string[] {
  const adapter = adapterFor(venue)
  const [tf, sec] = adapter.candleTimeframe
  return [
    ...(adapter.historyTasks ?? []),
    `${tf} candles`,
    ...(sec > 60 && o.klineMinutes > 0 ? ['1m candles'] : []),
    ...(o.tradeMinutes > 0 ? ['recent trades'] : []),
    'funding history',
  ]
}

/** The liquidation map files a candle at its open and an OI reading in the bar before its stamp. */
function orderTime(e: MarketEvent): number {
  if (e.type === 'candle') return e.openTsMs
  if (e.type === 'openInterest') return e.exchangeTsMs - 1
  return e.exchangeTsMs
}

/** Candles that do not overlap [fromMs, toMs] (both known), so a finer series stands alone there. */
function outside(candles: CandleEvent[], fromMs?: number, toMs?: number): CandleEvent[] {
  if (fromMs === undefined || toMs === undefined) return candles
  return candles.filter((c) => c.exchangeTsMs <= fromMs || c.openTsMs > toMs)
}

/** One timeframe of candles over `spanMs` back from the newest, oldest first (raw rows where the venue has them). */
async function pageCandles(
  d: HistoryDeps,
  m: WatchedMarket,
  tf: string,
  sec: number,
  spanMs: number,
  maxPages: number,
): Promise<CandleEvent[]> {
  const adapter = adapterFor(d.venue)
  const task = `${d.venue} ${m.symbol} ${tf} candles`
  const out: CandleEvent[] = []
  const ctx = () => ({ venue: d.venue, symbol: m.symbol, receiveTsMs: Date.now() })
  const page = (end: number | null): Promise<unknown[][]> =>
    adapter.klinePage
      ? adapter.klinePage(d, m, tf, end)
      : (d.budget.run(() =>
          d.ex.fetchOHLCV(m.symbol, tf, undefined, adapter.klinePageSize, end === null ? {} : { until: end }),
        ) as Promise<unknown[][]>)
  await attempt(d, task, () =>
    pageBackwardOldestFirst<unknown[]>(
      task,
      page,
      (r) => Number(r[0]),
      spanMs,
      Math.min(maxPages, Math.ceil(spanMs / (sec * 1000 * adapter.klinePageSize)) + 1),
      (rows) => {
        for (const r of rows) {
          const e = candleEvent(ctx(), r as (number | undefined)[], sec)
          if (!e) continue
          // Binance's raw kline: [open time, o, h, l, c, volume, close time, quote volume, trades, taker buy base…]
          if (adapter.klinePage) e.takerBuyBase = toFiniteOrNull(r[9])
          out.push(e)
        }
      },
      d.progress,
      adapter.klinePageSize,
    ),
  )
  return out
}

/**
 * The venue's recent trades over REST, newest page first, back over `tradeMinutes` or `maxTradePages`
 * pages, whichever ends first; oldest first. A venue without backward paging gives its newest page.
 */
async function recentTrades(d: HistoryDeps, m: WatchedMarket, o: BackfillOptions): Promise<TradeEvent[]> {
  if (o.tradeMinutes <= 0) return []
  const adapter = adapterFor(d.venue)
  const task = `${d.venue} ${m.symbol} recent trades`
  const spanMs = o.tradeMinutes * MINUTE_MS
  const byId = new Map<string, TradeEvent>()
  await attempt(d, task, async () => {
    let oldest: CcxtTrade | null = null
    let newestMs: number | null = null
    let page = 1
    for (; page <= o.maxTradePages; page++) {
      const rows: CcxtTrade[] = adapter.tradePage
        ? await adapter.tradePage(d, m, oldest)
        : ((await d.budget.run(() => d.ex.fetchTrades(m.symbol, undefined, 1000))) as CcxtTrade[])
      const ctx = { venue: d.venue, symbol: m.symbol, receiveTsMs: Date.now() }
      let pageOldest: CcxtTrade | null = null
      let repeated = 0
      for (const t of rows as CcxtTrade[]) {
        const e = tradeEvent(ctx, t, m.contractSize, m.inverse)
        if (e && byId.has(e.tradeId)) repeated++
        if (!e || byId.has(e.tradeId)) continue
        byId.set(e.tradeId, e)
        if (pageOldest === null || (t.timestamp ?? Infinity) < (pageOldest.timestamp ?? Infinity))
          pageOldest = t
      }
      if (pageOldest === null) break
      newestMs ??= Math.max(...[...byId.values()].map((e) => e.exchangeTsMs))
      const reachMs = newestMs - (pageOldest.timestamp as number)
      // A page that repeats trades already held reached the start of what the venue keeps.
      const done = !adapter.tradePage || reachMs >= spanMs || page === o.maxTradePages || repeated > 0
      d.progress({ task, pages: page, rows: byId.size, fraction: Math.min(1, reachMs / spanMs), done })
      if (done) return
      oldest = pageOldest
    }
    // The venue had no older trades: what it gave is all there is.
    d.progress({ task, pages: page - 1, rows: byId.size, fraction: byId.size > 0 ? 1 : 0, done: true })
  })
  const trades = [...byId.values()].sort((a, b) => a.exchangeTsMs - b.exchangeTsMs)
  const newest = trades[trades.length - 1]?.exchangeTsMs
  return newest === undefined ? trades : trades.filter((t) => t.exchangeTsMs >= newest - spanMs)
}
