/**
 * The one event model every data path speaks: live connectors, importers and the replay clock all emit
 * MarketEvents, so scoring cannot tell live from replay. Units live in field names: `*Ms` is Unix epoch
 * milliseconds (UTC), `*Base` is base-asset units (never contracts), `*Usd` is quote notional in USD(T).
 */

/** ccxt exchange ids of the venues the radar connects to live. */
export type LiveVenueId = 'binanceusdm' | 'binance' | 'binancecoinm' | 'bybit' | 'okx'

export const LIVE_VENUE_IDS: readonly LiveVenueId[] = [
  'binanceusdm',
  'binance',
  'binancecoinm',
  'bybit',
  'okx',
]

/**
 * ccxt exchange ids of venues whose data is only imported (Tardis, bars exports): a Coinbase spot reference
 * for basis, Deribit or BitMEX inverse perps. The radar opens no connection to them.
 */
export type ImportedVenueId =
  'coinbase' | 'kraken' | 'bitstamp' | 'deribit' | 'bitmex' | 'htx' | 'gate' | 'hyperliquid' | 'binanceus'

export const IMPORTED_VENUE_IDS: readonly ImportedVenueId[] = [
  'coinbase',
  'kraken',
  'bitstamp',
  'deribit',
  'bitmex',
  'htx',
  'gate',
  'hyperliquid',
  'binanceus',
]

/** ccxt exchange ids of every venue an event can come from: live or imported. */
export type VenueId = LiveVenueId | ImportedVenueId

export const VENUE_IDS: readonly VenueId[] = [...LIVE_VENUE_IDS, ...IMPORTED_VENUE_IDS]

/** Side of the aggressor (taker) of a trade. */
export type TakerSide = 'buy' | 'sell'

/** Side of a position (for liquidations: the side that was liquidated). */
export type PositionSide = 'long' | 'short'

interface EventBase {
  venue: VenueId
  /** Unified ccxt symbol: `BTC/USDT:USDT` for a linear perp, `BTC/USDT` for spot. */
  symbol: string
  /** Time the venue stamped the event. */
  exchangeTsMs: number
  /** Time this process received it (for recordings: the recorded receive time). */
  receiveTsMs: number
}

export interface TradeEvent extends EventBase {
  type: 'trade'
  price: number
  qtyBase: number
  takerSide: TakerSide
  /** The venue's own trade id, kept for de-duplication. */
  tradeId: string
}

/** Top N levels per side after the connector applied diffs; levels are [price, qtyBase], best first. */
export interface BookEvent extends EventBase {
  type: 'book'
  bids: [number, number][]
  asks: [number, number][]
  /** Venue sequence id of the last update applied (Binance `u`, Bybit `u`/`seq`, OKX `seqId`); null if none. */
  sequence: number | null
}

export interface MarkEvent extends EventBase {
  type: 'mark'
  markPrice: number
  indexPrice: number | null
}

export interface FundingEvent extends EventBase {
  type: 'funding'
  /** Rate per funding period as a fraction (0.0001 = 0.01 % per period). */
  fundingRatePerPeriod: number
  /** The market's own funding interval (1, 2, 4 or 8 h; venues differ per market). */
  fundingIntervalHours: number
  nextFundingTsMs: number | null
  /** Predicted next-period rate where the venue publishes one, otherwise null. */
  predictedRatePerPeriod: number | null
  /** true for a settled (historical) funding payment, false for the live estimate of the current period. */
  settled: boolean
}

export interface OpenInterestEvent extends EventBase {
  type: 'openInterest'
  oiContracts: number | null
  oiBase: number | null
  oiUsd: number | null
}

export type LongShortKind = 'globalAccounts' | 'topAccounts' | 'topPositions'

export interface LongShortEvent extends EventBase {
  type: 'longShort'
  kind: LongShortKind
  /** Long share / short share. */
  ratio: number
  /** Share of longs as a fraction of 1 where the venue gives it. */
  longShare: number | null
  shortShare: number | null
  periodMinutes: number
}

export interface TakerVolumeEvent extends EventBase {
  type: 'takerVolume'
  buyVolBase: number | null
  sellVolBase: number | null
  periodMinutes: number
}

export interface LiquidationEvent extends EventBase {
  type: 'liquidation'
  /** Side of the position that was liquidated (a forced sell liquidates a long). */
  positionSide: PositionSide
  price: number
  qtyBase: number
  usd: number
}

/**
 * Realized liquidations summed over one bar, as history sources publish them (CoinGlass-, Coinalyze- or
 * Velo-style exports): totals per bar, not single orders, so they carry no price. `exchangeTsMs` is the bar's
 * last millisecond (open + length − 1), like candles: the total is only known once the bar has closed.
 */
export interface LiquidationBarEvent extends EventBase {
  type: 'liquidationBar'
  /** Bar open time (Unix ms, UTC). */
  openTsMs: number
  /** Bar length in seconds. */
  intervalSec: number
  /** USD notional of long positions liquidated in the bar (forced sells). */
  longUsd: number
  /** USD notional of short positions liquidated in the bar (forced buys). */
  shortUsd: number
  /**
   * Venues the totals are summed over when they aggregate more than the event's own venue (a CoinGlass
   * history covers Binance + Bybit + OKX); empty when the totals are the event's venue alone.
   */
  coveredVenues: string[]
}

export type CandlePriceKind = 'last' | 'mark' | 'index' | 'premium'

export interface CandleEvent extends EventBase {
  type: 'candle'
  priceKind: CandlePriceKind
  intervalSec: number
  /** Bar open time; `exchangeTsMs` is the bar close time. */
  openTsMs: number
  open: number
  high: number
  low: number
  close: number
  volumeBase: number | null
  volumeUsd: number | null
  /** Volume bought by takers in the bar, where the venue states it (Binance klines); absent or null: unknown. */
  takerBuyBase?: number | null
}

/** Best bid/ask of the spot market paired with a perp (or of any market's book ticker). */
export interface QuoteEvent extends EventBase {
  type: 'quote'
  bid: number
  bidQtyBase: number
  ask: number
  askQtyBase: number
}

/** A stretch of a stream with no data (disconnect, stall, import hole), and whether it was backfilled. */
export interface GapEvent extends EventBase {
  type: 'gap'
  stream: string
  fromTsMs: number
  toTsMs: number
  reason: string
  backfilled: boolean
}

export type MarketEvent =
  | TradeEvent
  | BookEvent
  | MarkEvent
  | FundingEvent
  | OpenInterestEvent
  | LongShortEvent
  | TakerVolumeEvent
  | LiquidationEvent
  | LiquidationBarEvent
  | CandleEvent
  | QuoteEvent
  | GapEvent

export type MarketEventType = MarketEvent['type']

/** Stable key of a market across the app: `binanceusdm:BTC/USDT:USDT`. */
export type MarketKey = string

export function marketKey(venue: VenueId, symbol: string): MarketKey {
  return `${venue}:${symbol}`
}

export function parseMarketKey(key: MarketKey): { venue: VenueId; symbol: string } {
  const i = key.indexOf(':')
  if (i <= 0) throw new Error(`not a market key: "${key}"`)
  const venue = key.slice(0, i) as VenueId
  if (!VENUE_IDS.includes(venue)) throw new Error(`unknown venue "${venue}" in market key "${key}"`)
  return { venue, symbol: key.slice(i + 1) }
}

/** A perp's unified symbol has a settle currency after ':'; spot symbols do not. */
export function isPerpSymbol(symbol: string): boolean {
  return symbol.includes(':')
}
