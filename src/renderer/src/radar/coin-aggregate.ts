import type { MarketSnapshot } from '../../../shared/scoring/snapshot'

/** One venue's perp of a coin, with the values the aggregate reads (null = the venue has no such value yet). */
export interface VenueLeg {
  key: string
  venue: string
  symbol: string
  oiUsd: number | null
  fundingRatePerHour: number | null
  liqLong1hUsd: number | null
  liqShort1hUsd: number | null
  liqLong24hUsd: number | null
  liqShort24hUsd: number | null
}

/** A coin across venues. Every sum says how many legs it covers; a value no leg has is null, never 0. */
export interface CoinAggregate {
  coin: string
  legs: VenueLeg[]
  /** Open interest summed over the legs that report it, USD. */
  oiUsd: number | null
  /** Funding per hour weighted by each leg's OI in USD, over legs with both (a fraction per hour). */
  fundingRatePerHourOiWeighted: number | null
  /** The same, annualised (× 8,760 hours). */
  fundingAprOiWeighted: number | null
  /** Highest minus lowest funding per hour across the legs with funding; null with fewer than two. */
  fundingSpreadPerHour: number | null
  liqLong1hUsd: number | null
  liqShort1hUsd: number | null
  liqLong24hUsd: number | null
  liqShort24hUsd: number | null
  /** What a leg lacks, e.g. "bybit: no open interest": the aggregate over fewer legs is partial, and says so. */
  missing: string[]
}

const HOURS_PER_YEAR = 8760

function metricValue(s: MarketSnapshot, id: string): number | null {
  const m = s.metrics[id]
  return m && m.sufficient && m.value !== null && Number.isFinite(m.value) ? m.value : null
}

/** `BTC/USDT:USDT` → `BTC`; spot symbols (no settle currency) are not perps and give null. */
export function perpCoin(symbol: string): string | null {
  if (!symbol.includes(':')) return null
  const slash = symbol.indexOf('/')
  return slash > 0 ? symbol.slice(0, slash) : null
}

export function legOf(s: MarketSnapshot): VenueLeg {
  return {
    key: s.key,
    venue: s.venue,
    symbol: s.symbol,
    oiUsd: metricValue(s, 'oi-usd'),
    fundingRatePerHour: metricValue(s, 'funding-rate-per-hour'),
    liqLong1hUsd: metricValue(s, 'liq-long-1h'),
    liqShort1hUsd: metricValue(s, 'liq-short-1h'),
    liqLong24hUsd: metricValue(s, 'liq-long-24h'),
    liqShort24hUsd: metricValue(s, 'liq-short-24h'),
  }
}

/** Sum of the known values; null when none is known (missing is not zero). */
function sumKnown(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null)
  return known.length === 0 ? null : known.reduce((a, v) => a + v, 0)
}

/** Aggregates one coin's legs (sums, OI-weighted funding, spread) and lists what each leg lacks. */
export function aggregateLegs(coin: string, legs: VenueLeg[]): CoinAggregate {
  const weighted = legs.filter(
    (l): l is VenueLeg & { oiUsd: number; fundingRatePerHour: number } =>
      l.oiUsd !== null && l.oiUsd > 0 && l.fundingRatePerHour !== null,
  )
  const weight = weighted.reduce((a, l) => a + l.oiUsd, 0)
  const fundingW =
    weight > 0 ? weighted.reduce((a, l) => a + l.oiUsd * l.fundingRatePerHour, 0) / weight : null
  const rates = legs.map((l) => l.fundingRatePerHour).filter((v): v is number => v !== null)
  const missing: string[] = []
  for (const l of legs) {
    const lacks = [
      l.oiUsd === null ? 'open interest' : null,
      l.fundingRatePerHour === null ? 'funding' : null,
      l.liqLong1hUsd === null && l.liqShort1hUsd === null ? 'liquidations' : null,
    ].filter((x): x is string => x !== null)
    if (lacks.length > 0) missing.push(`${l.venue}: no ${lacks.join(', ')}`)
  }
  return {
    coin,
    legs,
    oiUsd: sumKnown(legs.map((l) => l.oiUsd)),
    fundingRatePerHourOiWeighted: fundingW,
    fundingAprOiWeighted: fundingW === null ? null : fundingW * HOURS_PER_YEAR,
    fundingSpreadPerHour: rates.length >= 2 ? Math.max(...rates) - Math.min(...rates) : null,
    liqLong1hUsd: sumKnown(legs.map((l) => l.liqLong1hUsd)),
    liqShort1hUsd: sumKnown(legs.map((l) => l.liqShort1hUsd)),
    liqLong24hUsd: sumKnown(legs.map((l) => l.liqLong24hUsd)),
    liqShort24hUsd: sumKnown(legs.map((l) => l.liqShort24hUsd)),
    missing,
  }
}

/** One aggregate per coin with perps on at least `minVenues` venues, largest open interest first. */
export function aggregateByCoin(snapshots: Iterable<MarketSnapshot>, minVenues = 2): CoinAggregate[] {
  const byCoin = new Map<string, VenueLeg[]>()
  for (const s of snapshots) {
    const coin = perpCoin(s.symbol)
    if (!coin) continue
    const legs = byCoin.get(coin) ?? []
    legs.push(legOf(s))
    byCoin.set(coin, legs)
  }
  return [...byCoin]
    .filter(([, legs]) => new Set(legs.map((l) => l.venue)).size >= minVenues)
    .map(([coin, legs]) => aggregateLegs(coin, legs))
    .sort((a, b) => (b.oiUsd ?? -1) - (a.oiUsd ?? -1) || a.coin.localeCompare(b.coin))
}
