/** A market's order-size and price steps, in base units and quote units. */
export interface MarketLot {
  /** Quantity step (Binance LOT_SIZE `stepSize`), base units. */
  step: number
  /** Smallest order quantity, base units. */
  min: number
  /** Price step (PRICE_FILTER `tickSize`); null where the source has none. */
  tick: number | null
}

/** Compact form in a snapshot file: `[step, min, tick]`. */
export type LotRow = [number, number, number | null]

/** Why a lot row is unusable, or null when it is fine. */
export function lotRowProblem(row: unknown): string | null {
  if (!Array.isArray(row) || row.length !== 3) return 'lot must be [step, min, tick]'
  const [step, min, tick] = row as unknown[]
  if (typeof step !== 'number' || !(step > 0) || !Number.isFinite(step)) return 'lot step must be > 0'
  if (typeof min !== 'number' || !(min >= 0) || !Number.isFinite(min)) return 'lot min must be >= 0'
  if (tick !== null && (typeof tick !== 'number' || !(tick > 0) || !Number.isFinite(tick)))
    return 'lot tick must be > 0 or null'
  return null
}

export const lotFromRow = ([step, min, tick]: LotRow): MarketLot => ({ step, min, tick })
export const lotToRow = (l: MarketLot): LotRow => [l.step, l.min, l.tick]

const positive = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null
}

interface BinanceFilter {
  filterType?: string
  stepSize?: string
  minQty?: string
  tickSize?: string
}
interface BinanceSymbol {
  contractType?: string
  baseAsset?: string
  quoteAsset?: string
  marginAsset?: string
  filters?: BinanceFilter[]
}

/**
 * Lots of the perpetuals in a Binance USDⓈ-M `GET /fapi/v1/exchangeInfo` answer, keyed by unified symbol
 * (`BTC/USDT:USDT`). A linear contract is one base unit, so LOT_SIZE is already in base units.
 */
export function lotsFromBinanceExchangeInfo(info: unknown): Record<string, MarketLot> {
  const out: Record<string, MarketLot> = {}
  const symbols = (info as { symbols?: BinanceSymbol[] } | null)?.symbols
  if (!Array.isArray(symbols)) throw new Error('exchangeInfo has no "symbols" list')
  for (const s of symbols) {
    if (s.contractType !== 'PERPETUAL' || !s.baseAsset || !s.quoteAsset || !s.marginAsset) continue
    const lotFilter = s.filters?.find((f) => f.filterType === 'LOT_SIZE')
    const step = positive(lotFilter?.stepSize)
    if (step === null) continue
    out[`${s.baseAsset}/${s.quoteAsset}:${s.marginAsset}`] = {
      step,
      min: positive(lotFilter?.minQty) ?? step,
      tick: positive(s.filters?.find((f) => f.filterType === 'PRICE_FILTER')?.tickSize),
    }
  }
  return out
}

/** The parts of a ccxt market the lots read (ccxt's precision mode for these venues is TICK_SIZE). */
export interface CcxtMarketLike {
  linear?: boolean
  contractSize?: number
  precision?: { amount?: number; price?: number }
  limits?: { amount?: { min?: number } }
}

/**
 * Lots of ccxt's loaded linear markets. ccxt states amounts in contracts, so steps are scaled by the
 * contract size into base units; inverse markets, sized in USD contracts, are left out.
 */
export function lotsFromCcxtMarkets(
  markets: Record<string, CcxtMarketLike | undefined>,
): Record<string, MarketLot> {
  const out: Record<string, MarketLot> = {}
  for (const [symbol, m] of Object.entries(markets)) {
    if (!m?.linear) continue
    const size = positive(m.contractSize) ?? 1
    const step = positive(m.precision?.amount)
    if (step === null) continue
    // 12 significant digits drop the binary noise of the product (0.1 x 0.01 = 0.0010000000000000002).
    const base = (contracts: number) => Number((contracts * size).toPrecision(12))
    out[symbol] = {
      step: base(step),
      min: base(positive(m.limits?.amount?.min) ?? step),
      tick: positive(m.precision?.price),
    }
  }
  return out
}
