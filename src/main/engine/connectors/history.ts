import type { Exchange } from 'ccxt'
import type { LongShortKind, MarketEvent } from '../../../shared/market-event'
import { isPerpSymbol } from '../../../shared/market-event'
import {
  BINANCE_LONG_SHORT,
  fetchFuturesData,
  longShortFromRow,
  openInterestFromRow,
  takerVolumeFromRow,
} from './binance-futures-data'
import type { Row } from './binance-futures-data'
import type { BackfillOptions } from './connector-options'
import type { WatchedMarket } from './market-streams'
import { candleEvent, fundingEvent, openInterestEvent, toFiniteOrNull } from './normalize'
import { OKX_LONG_SHORT, okxLongShortFromRow } from './okx-derivatives'
import type { PageProgress } from './paginate'
import { pageBackwardOldestFirst } from './paginate'
import { implicitApi } from './ccxt-internals'
import type { RestBudget } from './rest-budget'
import type { ConnectorVenue } from './url-override'

const DAY_MS = 86_400_000
const CANDLE_TF: Record<ConnectorVenue, [string, number]> = {
  binanceusdm: ['5m', 300],
  binance: ['5m', 300],
  bybit: ['1m', 60],
  okx: ['5m', 300],
}
const FUNDING_PAGE: Record<ConnectorVenue, number> = {
  binanceusdm: 1000,
  binance: 1000,
  bybit: 200,
  okx: 100,
}

export interface HistoryDeps {
  ex: Exchange
  venue: ConnectorVenue
  budget: RestBudget
  emit: (events: MarketEvent[]) => void
  progress: (p: PageProgress) => void
  /** A history task the venue refused: the others go on, and the status keeps the reason. */
  failed: (task: string, reason: string) => void
}

/** Runs one history task; a refusal is reported and the market's other histories still load. */
async function attempt(d: HistoryDeps, task: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run()
  } catch (err) {
    d.failed(task, err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err))
  }
}

/** Funding, OI, long/short, taker volume and candle history for one perp, newest first, within the window. */
export async function backfillMarket(d: HistoryDeps, m: WatchedMarket, o: BackfillOptions): Promise<void> {
  if (!isPerpSymbol(m.symbol)) return
  const ctx = () => ({ venue: d.venue, symbol: m.symbol, receiveTsMs: Date.now() })
  const task = (name: string) => `${d.venue} ${m.symbol} ${name}`
  type FundingRow = { timestamp?: number; fundingRate?: number }
  await attempt(d, task('funding history'), () =>
    pageBackwardOldestFirst<FundingRow>(
      task('funding history'),
      (end) =>
        d.budget.run(() =>
          d.ex.fetchFundingRateHistory(
            m.symbol,
            undefined,
            FUNDING_PAGE[d.venue],
            end === null ? {} : { until: end },
          ),
        ) as Promise<FundingRow[]>,
      (r) => r.timestamp ?? NaN,
      o.fundingDays * DAY_MS,
      o.maxPages,
      (rows) =>
        d.emit(
          rows
            .map((r) =>
              fundingEvent(ctx(), r.timestamp as number, r.fundingRate, m.fundingIntervalHours, null, true),
            )
            .filter((e) => e !== null),
        ),
      d.progress,
    ),
  )
  const [tf, sec] = CANDLE_TF[d.venue]
  await attempt(d, task(`${tf} candles`), () =>
    pageBackwardOldestFirst<(number | undefined)[]>(
      task(`${tf} candles`),
      (end) =>
        d.budget.run(() =>
          d.ex.fetchOHLCV(m.symbol, tf, undefined, 500, end === null ? {} : { until: end }),
        ) as Promise<(number | undefined)[][]>,
      (r) => Number(r[0]),
      o.historyDays * DAY_MS,
      o.maxPages,
      (rows) => d.emit(rows.map((r) => candleEvent(ctx(), r, sec)).filter((e) => e !== null)),
      d.progress,
    ),
  )
  if (d.venue !== 'binanceusdm') return
  const bctx = () => ({ venue: 'binanceusdm' as const, symbol: m.symbol, receiveTsMs: Date.now() })
  const series: [string, string, (r: Row) => MarketEvent | null][] = [
    ['open interest history', 'fapiDataGetOpenInterestHist', (r) => openInterestFromRow(bctx(), r)],
    ['taker volume history', 'fapiDataGetTakerlongshortRatio', (r) => takerVolumeFromRow(bctx(), r)],
    ...(Object.entries(BINANCE_LONG_SHORT) as [LongShortKind, string][]).map(
      ([kind, method]): [string, string, (r: Row) => MarketEvent | null] => [
        `${kind} long/short history`,
        method,
        (r) => longShortFromRow(bctx(), kind, r),
      ],
    ),
  ]
  for (const [name, method, toEvent] of series) {
    await attempt(d, task(name), () =>
      pageBackwardOldestFirst<Row>(
        task(name),
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

/** One round of the REST pollers for a perp: open interest (where not streamed) and long/short ratios. */
export async function pollMarket(
  d: HistoryDeps,
  m: WatchedMarket,
  what: 'openInterest' | 'longShort',
): Promise<void> {
  if (!isPerpSymbol(m.symbol)) return
  const ctx = { venue: d.venue, symbol: m.symbol, receiveTsMs: Date.now() }
  if (what === 'openInterest' && (d.venue === 'binanceusdm' || d.venue === 'okx')) {
    const oi = (await d.budget.run(() => d.ex.fetchOpenInterest(m.symbol))) as {
      openInterestAmount?: number
      openInterestValue?: number
      timestamp?: number
      info?: Row
    }
    const e = openInterestEvent(
      ctx,
      oi.timestamp ?? ctx.receiveTsMs,
      // OKX states OI in coins as `oiCcy` (ccxt files it under a deprecated name); Binance has no such field.
      { contracts: oi.openInterestAmount, usd: oi.openInterestValue, base: oi.info?.oiCcy },
      m,
    )
    if (e) d.emit([e])
  }
  if (what === 'longShort' && d.venue === 'binanceusdm') {
    const events: MarketEvent[] = []
    for (const [kind, method] of Object.entries(BINANCE_LONG_SHORT) as [LongShortKind, string][]) {
      const rows = await d.budget.run(() => fetchFuturesData(d.ex, method, m.marketId, 1, null))
      const e = rows[0] ? longShortFromRow({ ...ctx, venue: 'binanceusdm' }, kind, rows[0]) : null
      if (e) events.push(e)
    }
    d.emit(events)
  }
  if (what === 'longShort' && d.venue === 'okx') {
    const events: MarketEvent[] = []
    for (const [kind, method] of Object.entries(OKX_LONG_SHORT) as [LongShortKind, string][]) {
      const fn = implicitApi<Row>(d.ex, method)
      const res = (await d.budget.run(() => fn({ instId: m.marketId, period: '5m', limit: 1 }))) as {
        data?: unknown[]
      }
      const e = okxLongShortFromRow(ctx, kind, res.data?.[0])
      if (e) events.push(e)
    }
    d.emit(events)
  }
  if (what === 'longShort' && d.venue === 'bybit') {
    const fn = implicitApi<Row>(d.ex, 'publicGetV5MarketAccountRatio')
    const res = (await d.budget.run(() =>
      fn({ category: 'linear', symbol: m.marketId, period: '5min', limit: 1 }),
    )) as {
      result?: { list?: Row[] }
    }
    const r = res.result?.list?.[0]
    const buy = toFiniteOrNull(r?.buyRatio)
    const sell = toFiniteOrNull(r?.sellRatio)
    if (r && buy !== null && sell !== null && sell > 0) {
      d.emit([
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
      ])
    }
  }
}
