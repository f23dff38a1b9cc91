import type {
  BookEvent,
  CandleEvent,
  FundingEvent,
  LiquidationEvent,
  MarkEvent,
  OpenInterestEvent,
  TradeEvent,
  VenueId,
} from '../../../shared/market-event'

/** The parts of ccxt's unified structures the connectors read (ccxt leaves absent fields undefined). */
export interface CcxtTrade {
  id?: string
  timestamp?: number
  price?: number
  amount?: number
  side?: string
}
export interface CcxtBook {
  bids: number[][]
  asks: number[][]
  nonce?: number
  timestamp?: number
}
export interface CcxtLiquidation {
  timestamp?: number
  price?: number
  baseValue?: number
  contracts?: number
  contractSize?: number
  quoteValue?: number
  side?: string
  info?: unknown
}

const finite = (v: unknown): number | null => {
  const n = typeof v === 'string' && v !== '' ? Number(v) : v
  return typeof n === 'number' && Number.isFinite(n) ? n : null
}
export { finite as toFiniteOrNull }

/** Where an event comes from and when it was received; every normalizer stamps it on. */
export interface Ctx {
  venue: VenueId
  symbol: string
  receiveTsMs: number
}

/**
 * Base units of `contracts` at `price`. A linear contract is `contractSize` base units; an inverse
 * (coin-margined) one is `contractSize` quote units (OKX UNI-USD-SWAP: 10 USD), i.e. contractSize / price base.
 */
export function contractsToBase(
  contracts: number,
  price: number,
  contractSize: number,
  inverse: boolean,
): number {
  return inverse ? (contracts * contractSize) / price : contracts * contractSize
}

export function tradeEvent(ctx: Ctx, t: CcxtTrade, contractSize: number, inverse = false): TradeEvent | null {
  const price = finite(t.price)
  const amount = finite(t.amount)
  if (
    price === null ||
    amount === null ||
    t.timestamp === undefined ||
    (t.side !== 'buy' && t.side !== 'sell')
  )
    return null
  return {
    type: 'trade',
    ...ctx,
    exchangeTsMs: t.timestamp,
    price,
    // ccxt gives amounts in contracts for derivatives.
    qtyBase: contractsToBase(amount, price, contractSize, inverse),
    takerSide: t.side,
    tradeId: String(t.id ?? `${t.timestamp}:${price}:${amount}`),
  }
}

export function bookEvent(
  ctx: Ctx,
  b: CcxtBook,
  depth: number,
  contractSize: number,
  inverse = false,
): BookEvent | null {
  const side = (levels: number[][]): [number, number][] =>
    levels
      .slice(0, depth)
      .map((l) => [l[0] as number, contractsToBase(l[1] as number, l[0] as number, contractSize, inverse)])
  if (b.bids.length === 0 && b.asks.length === 0) return null
  return {
    type: 'book',
    ...ctx,
    exchangeTsMs: b.timestamp ?? ctx.receiveTsMs,
    bids: side(b.bids),
    asks: side(b.asks),
    sequence: b.nonce ?? null,
  }
}

export function markEvent(ctx: Ctx, tsMs: number, mark: unknown, index: unknown): MarkEvent | null {
  const markPrice = finite(mark)
  if (markPrice === null) return null
  return { type: 'mark', ...ctx, exchangeTsMs: tsMs, markPrice, indexPrice: finite(index) }
}

export function fundingEvent(
  ctx: Ctx,
  tsMs: number,
  rate: unknown,
  intervalHours: number | null,
  nextFundingTsMs: unknown,
  settled: boolean,
  predicted: unknown = null,
): FundingEvent | null {
  const r = finite(rate)
  if (r === null || intervalHours === null) return null
  return {
    type: 'funding',
    ...ctx,
    exchangeTsMs: tsMs,
    fundingRatePerPeriod: r,
    fundingIntervalHours: intervalHours,
    nextFundingTsMs: finite(nextFundingTsMs),
    predictedRatePerPeriod: finite(predicted),
    settled,
  }
}

/** The venue's own open-interest figures; any may be absent. */
export interface OpenInterestFigures {
  contracts: unknown
  usd: unknown
  /** In the base coin where the venue states it (OKX `oiCcy`), which also holds for coin-margined swaps. */
  base?: unknown
}

/**
 * OI from the venue's own figures. Base units: the venue's coin figure, else contracts x contract size for
 * a linear contract. USD: the venue's figure, else contracts x contract size for an inverse contract, whose
 * contract size is in USD. Nothing is derived from a price here: an absent figure stays null.
 */
export function openInterestEvent(
  ctx: Ctx,
  tsMs: number,
  figures: OpenInterestFigures,
  contract: { contractSize: number; inverse: boolean },
): OpenInterestEvent | null {
  const c = finite(figures.contracts)
  const base = finite(figures.base) ?? (c !== null && !contract.inverse ? c * contract.contractSize : null)
  const usd = finite(figures.usd) ?? (c !== null && contract.inverse ? c * contract.contractSize : null)
  if (c === null && usd === null && base === null) return null
  return {
    type: 'openInterest',
    ...ctx,
    exchangeTsMs: tsMs,
    oiContracts: c,
    oiBase: base,
    oiUsd: usd,
  }
}

/** ccxt's liquidation `side` is the side of the liquidation order: a forced sell closes a long. */
export function liquidationEvent(ctx: Ctx, l: CcxtLiquidation): LiquidationEvent | null {
  const price = finite(l.price)
  const qty = finite(l.baseValue) ?? (finite(l.contracts) ?? NaN) * (l.contractSize ?? 1)
  if (price === null || !Number.isFinite(qty) || l.timestamp === undefined) return null
  if (l.side !== 'buy' && l.side !== 'sell') return null
  return {
    type: 'liquidation',
    ...ctx,
    exchangeTsMs: l.timestamp,
    positionSide: l.side === 'sell' ? 'long' : 'short',
    price,
    qtyBase: qty,
    usd: finite(l.quoteValue) ?? price * qty,
  }
}

/** ccxt OHLCV row `[openMs, o, h, l, c, volume]`. */
export function candleEvent(ctx: Ctx, row: (number | undefined)[], intervalSec: number): CandleEvent | null {
  const [t, o, h, l, c, v] = row.map(finite)
  if (t === null || t === undefined || o == null || h == null || l == null || c == null) return null
  return {
    type: 'candle',
    ...ctx,
    exchangeTsMs: t + intervalSec * 1000,
    priceKind: 'last',
    intervalSec,
    openTsMs: t,
    open: o,
    high: h,
    low: l,
    close: c,
    volumeBase: v ?? null,
    volumeUsd: null,
  }
}
