import type { MarketEvent } from '../../../../shared/market-event'
import type { UniverseRow } from '../../../../shared/contract/universe'

/**
 * The scoring inputs a universe row carries (mark and index, the current funding estimate, open interest
 * in USD), as the same events the streams emit, so tier-1 markets are scored by the one pipeline and their
 * composites say which inputs they rest on. Markets in `streamed` are left out: their streams are fresher.
 */
export function universeEvents(
  rows: readonly UniverseRow[],
  streamed: ReadonlySet<string>,
  receiveTsMs: number,
): MarketEvent[] {
  const out: MarketEvent[] = []
  for (const r of rows) {
    if (streamed.has(r.key)) continue
    const base = { venue: r.venue, symbol: r.symbol, exchangeTsMs: r.asOfMs, receiveTsMs }
    if (r.markPrice !== null)
      out.push({ ...base, type: 'mark', markPrice: r.markPrice, indexPrice: r.indexPrice })
    if (r.fundingRatePerPeriod !== null && r.fundingIntervalHours !== null)
      out.push({
        ...base,
        type: 'funding',
        fundingRatePerPeriod: r.fundingRatePerPeriod,
        fundingIntervalHours: r.fundingIntervalHours,
        nextFundingTsMs: r.nextFundingTsMs,
        predictedRatePerPeriod: null,
        settled: false,
      })
    if (r.oiUsd !== null)
      out.push({ ...base, type: 'openInterest', oiContracts: null, oiBase: null, oiUsd: r.oiUsd })
  }
  return out
}
