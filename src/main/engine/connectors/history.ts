import { isPerpSymbol } from '../../../shared/market-event'
import type { BackfillOptions } from './connector-options'
import type { HistoryDeps } from './history-deps'
import { DAY_MS, attempt } from './history-deps'
import type { WatchedMarket } from './market-streams'
import { fundingEvent, openInterestEvent } from './normalize'
import { pageBackwardOldestFirst } from './paginate'
import { adapterFor } from './venues'

export type { HistoryDeps } from './history-deps'

/**
 * Funding and long/short history for one perp, oldest first, within the window: loaded after the seed history
 * (warm-history.ts), since the scorer keeps these series apart from the price path and the liquidation map.
 */
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
            adapterFor(d.venue).fundingPageSize,
            end === null ? {} : (adapterFor(d.venue).fundingPageEnd?.(end) ?? { until: end }),
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
  await adapterFor(d.venue).extraHistory?.(d, m, o)
}

/** One round of the REST pollers for a perp: open interest (where not streamed) and long/short ratios. */
export async function pollMarket(
  d: HistoryDeps,
  m: WatchedMarket,
  what: 'openInterest' | 'longShort',
): Promise<void> {
  if (!isPerpSymbol(m.symbol)) return
  const ctx = { venue: d.venue, symbol: m.symbol, receiveTsMs: Date.now() }
  if (what === 'openInterest' && adapterFor(d.venue).pollsOpenInterest) {
    const oi = (await d.budget.run(() => d.ex.fetchOpenInterest(m.symbol))) as {
      openInterestAmount?: number
      openInterestValue?: number
      timestamp?: number
      info?: Record<string, unknown>
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
  if (what === 'longShort') {
    const poll = adapterFor(d.venue).pollLongShort
    if (poll) d.emit(await poll(d, m))
  }
}
