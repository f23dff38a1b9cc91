import type { UniverseRow } from '../../../shared/contract/universe'
import type { Metric, MarketSnapshot } from '../../../shared/scoring/snapshot'
import { fundingAprFromPerHour, fundingRatePerHour } from '../../../shared/scoring/funding/funding-units'

/** Where a tier-1 figure came from, shown in its tooltip. */
const FROM_TICKER = 'from the venue’s all-symbol tickers (tier 1: refreshed by the minute, not streamed)'

const figure = (value: number | null, unit: string, asOfMs: number, why: string | undefined): Metric =>
  value === null
    ? { value: null, unit, sufficient: false, reason: why ?? 'not in the venue’s reply', asOfMs }
    : { value, unit, sufficient: true, reason: FROM_TICKER, asOfMs }

/** Why a universe row has no scored snapshot: none of the scorer's inputs in the reply, or not scored yet. */
export function notScoredReason(u: UniverseRow): string {
  const hasFunding = u.fundingRatePerPeriod !== null && u.fundingIntervalHours !== null
  if (u.markPrice === null && !hasFunding && u.oiUsd === null) {
    const why = [
      'no mark price',
      `funding: ${u.missing.funding ?? 'no funding interval'}`,
      `OI: ${u.missing.oi ?? 'not in the reply'}`,
    ].join('; ')
    return `not scored: the venue's bulk reply carries none of the scorer's inputs (${why}); pin this market to the watchlist to stream it`
  }
  return 'not scored yet: tier-1 markets reach scoring busiest first, 100 a second after each refresh; pin this one to the watchlist to score it with every signal'
}

/**
 * A radar snapshot for a market of the universe: the scored snapshot where the engine has one (its own
 * figures win), its gaps filled from the venue's bulk tickers (last price, 24 h change, funding, OI); a
 * market the scorer has not seen yet gets a snapshot of the ticker figures alone, with no composite.
 */
export function withUniverse(snap: MarketSnapshot | undefined, u: UniverseRow): MarketSnapshot {
  const base: MarketSnapshot = snap ?? {
    key: u.key,
    venue: u.venue,
    symbol: u.symbol,
    asOfMs: u.asOfMs,
    lastPrice: null,
    markPrice: u.markPrice,
    indexPrice: u.indexPrice,
    eventCount: 0,
    metrics: {
      lsi: {
        value: null,
        unit: 'score 0-100',
        sufficient: false,
        reason: notScoredReason(u),
        asOfMs: null,
      },
    },
    labels: {},
    tags: [],
    contradictions: [],
    evaluatedAtMs: null,
    stress: null,
  }
  const metrics = { ...base.metrics }
  const fill = (id: string, m: Metric): void => {
    if (metrics[id]?.value === null || metrics[id]?.value === undefined) metrics[id] = m
  }
  const t = u.asOfMs
  fill('price-change-24h', figure(u.change24hFraction, 'fraction', t, u.missing.change24h))
  fill('funding-rate', figure(u.fundingRatePerPeriod, 'fraction/period', t, u.missing.funding))
  if (u.fundingIntervalHours !== null)
    fill('funding-interval', figure(u.fundingIntervalHours, 'h', t, undefined))
  if (u.fundingRatePerPeriod !== null && u.fundingIntervalHours !== null) {
    const perHour = fundingRatePerHour(u.fundingRatePerPeriod, u.fundingIntervalHours)
    fill('funding-rate-per-hour', figure(perHour, 'fraction/h', t, undefined))
    fill('funding-apr', figure(fundingAprFromPerHour(perHour), 'APR', t, undefined))
  }
  fill('oi-usd', figure(u.oiUsd, 'USD', t, u.missing.oi))
  fill('volume-24h-usd', figure(u.volume24hUsd, 'USD', t, u.missing.volume24h))
  return {
    ...base,
    lastPrice: base.lastPrice ?? u.lastPrice ?? u.markPrice,
    asOfMs: base.asOfMs ?? u.asOfMs,
    metrics,
  }
}
