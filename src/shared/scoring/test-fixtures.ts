import type {
  FundingEvent,
  LiquidationEvent,
  MarketEvent,
  OpenInterestEvent,
  QuoteEvent,
  TradeEvent,
  VenueId,
} from '../market-event'

/** Event builders for the scoring tests: explicit fields, no random data. */
const base = (venue: VenueId, symbol: string, tsMs: number) => ({
  venue,
  symbol,
  exchangeTsMs: tsMs,
  receiveTsMs: tsMs,
})

export const PERP = 'BTC/USDT:USDT'
export const T0 = Date.UTC(2024, 0, 1)

export function trade(
  tsMs: number,
  price: number,
  qtyBase: number,
  side: 'buy' | 'sell',
  venue: VenueId = 'binanceusdm',
  symbol = PERP,
): TradeEvent {
  return {
    ...base(venue, symbol, tsMs),
    type: 'trade',
    price,
    qtyBase,
    takerSide: side,
    tradeId: String(tsMs),
  }
}

export function funding(
  tsMs: number,
  ratePerPeriod: number,
  intervalHours: number,
  settled: boolean,
  venue: VenueId = 'binanceusdm',
  symbol = PERP,
  nextFundingTsMs: number | null = null,
): FundingEvent {
  return {
    ...base(venue, symbol, tsMs),
    type: 'funding',
    fundingRatePerPeriod: ratePerPeriod,
    fundingIntervalHours: intervalHours,
    nextFundingTsMs,
    predictedRatePerPeriod: null,
    settled,
  }
}

export function oi(
  tsMs: number,
  oiBase: number,
  oiUsd: number | null,
  venue: VenueId = 'binanceusdm',
  symbol = PERP,
): OpenInterestEvent {
  return { ...base(venue, symbol, tsMs), type: 'openInterest', oiContracts: null, oiBase, oiUsd }
}

export function quote(tsMs: number, bid: number, ask: number, venue: VenueId, symbol: string): QuoteEvent {
  return { ...base(venue, symbol, tsMs), type: 'quote', bid, bidQtyBase: 1, ask, askQtyBase: 1 }
}

export function liquidation(
  tsMs: number,
  side: 'long' | 'short',
  usd: number,
  venue: VenueId = 'binanceusdm',
  symbol = PERP,
): LiquidationEvent {
  return {
    ...base(venue, symbol, tsMs),
    type: 'liquidation',
    positionSide: side,
    price: 100,
    qtyBase: usd / 100,
    usd,
  }
}

export function gap(
  stream: string,
  fromTsMs: number,
  toTsMs: number,
  venue: VenueId = 'binanceusdm',
  symbol = PERP,
): MarketEvent {
  return {
    ...base(venue, symbol, toTsMs),
    type: 'gap',
    stream,
    fromTsMs,
    toTsMs,
    reason: 'disconnect',
    backfilled: false,
  }
}

/** Settled funding every `intervalHours` from `startMs` with rates from `rate(i)`. */
export function fundingSeries(
  startMs: number,
  count: number,
  intervalHours: number,
  rate: (i: number) => number,
  venue: VenueId = 'binanceusdm',
  symbol = PERP,
): FundingEvent[] {
  return Array.from({ length: count }, (_, i) =>
    funding(startMs + i * intervalHours * 3_600_000, rate(i), intervalHours, true, venue, symbol),
  )
}
