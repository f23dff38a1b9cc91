import type { VenueId } from '../../../../shared/market-event'

/**
 * How a Tardis exchange's amounts become base units. Tardis passes amounts as each exchange gives them:
 * base units (spot, most linear perps), contracts of a fixed USD face (inverse perps: Binance COIN-M 100 USD
 * for BTC, Bybit and BitMEX 1 USD, Deribit amounts already in USD), or contracts of a fixed base size (OKX,
 * HTX and Gate linear swaps).
 */
export type ContractUnit =
  { kind: 'base' } | { kind: 'usd'; faceUsd: number } | { kind: 'baseContracts'; size: number }

export interface TardisMarket {
  /** Unified ccxt symbol: `BTC/USD` spot, `BTC/USDT:USDT` linear perp, `BTC/USD:BTC` inverse perp. */
  symbol: string
  kind: 'spot' | 'linear' | 'inverse'
  unit: ContractUnit
}

export interface TardisExchange {
  venue: VenueId
  /** The exchange's standard funding period for its perps; null for spot-only exchanges. */
  fundingIntervalHours: number | null
  /** The market of a Tardis symbol, or why it cannot be imported. */
  parse(raw: string): TardisMarket | string
}

const BASE: ContractUnit = { kind: 'base' }
/** Inverse contracts of 100 USD for BTC and 10 USD for other coins (Binance COIN-M, OKX, HTX). */
const face100or10 = (base: string): ContractUnit => ({ kind: 'usd', faceUsd: base === 'BTC' ? 100 : 10 })
/** Coins written under another code by some exchanges. */
const ALIAS: Record<string, string> = { XBT: 'BTC', XDG: 'DOGE' }
const coin = (c: string): string => ALIAS[c] ?? c

/** Quotes tried when a symbol glues base and quote (`BTCUSDT`); longest first so USDT wins over USD. */
const GLUED_QUOTES = [
  'FDUSD',
  'USDT',
  'USDC',
  'BUSD',
  'TUSD',
  'USD',
  'EUR',
  'GBP',
  'BTC',
  'ETH',
  'BNB',
  'TRY',
]

function unglue(pair: string): [string, string] | null {
  const p = pair.toUpperCase()
  for (const q of GLUED_QUOTES)
    if (p.length > q.length && p.endsWith(q)) return [coin(p.slice(0, -q.length)), q]
  return null
}

const spotGlued = (raw: string): TardisMarket | string => {
  const bq = unglue(raw)
  return bq
    ? { symbol: `${bq[0]}/${bq[1]}`, kind: 'spot', unit: BASE }
    : `cannot split ${raw} into base and quote`
}

/** `BTC-USD`, `BTC_USDT`, `XBT/USD`: base and quote with a separator. */
const spotSeparated = (raw: string): TardisMarket | string => {
  const m = /^([A-Z0-9]+)[-_/]([A-Z0-9]+)$/i.exec(raw)
  return m
    ? { symbol: `${coin(m[1]!.toUpperCase())}/${coin(m[2]!.toUpperCase())}`, kind: 'spot', unit: BASE }
    : `${raw} is not BASE-QUOTE`
}

/** Base units per contract of linear swaps quoted in contracts; others are refused, never guessed. */
const OKX_LINEAR_SIZE: Record<string, number> = { BTC: 0.01, ETH: 0.1, SOL: 1 }
const HTX_LINEAR_SIZE: Record<string, number> = { BTC: 0.001, ETH: 0.01 }
const GATE_LINEAR_SIZE: Record<string, number> = { BTC: 0.0001, ETH: 0.01 }

function linearContracts(
  table: Record<string, number>,
  base: string,
  raw: string,
  exchange: string,
): ContractUnit | string {
  const size = table[base]
  return size === undefined
    ? `the contract size of ${raw} on ${exchange} is not in the radar's table (known: ${Object.keys(table).join(', ')})`
    : { kind: 'baseContracts', size }
}

const expiry = (yymmdd: string | undefined): string => (yymmdd ? `-${yymmdd}` : '')

/**
 * Tardis exchange ids (as the `exchange` column writes them) with the venue, the funding period and the
 * symbol grammar of each. Symbols are parsed by the exchange's own grammar, never by trying quotes on any
 * string: `DOTUSD_PERP` on binance-delivery is DOT/USD, not DO/TUSD.
 */
export const TARDIS_EXCHANGES: Record<string, TardisExchange> = {
  binance: { venue: 'binance', fundingIntervalHours: null, parse: spotGlued },
  'binance-us': { venue: 'binanceus', fundingIntervalHours: null, parse: spotGlued },
  'binance-futures': {
    venue: 'binanceusdm',
    fundingIntervalHours: 8,
    parse(raw) {
      const m = /^([A-Z0-9]+?)(USDT|USDC|BUSD)(?:_(\d{6}))?$/.exec(raw)
      if (!m) return `${raw} is not a USDⓈ-M contract (BASEUSDT[_YYMMDD])`
      return { symbol: `${m[1]}/${m[2]}:${m[2]}${expiry(m[3])}`, kind: 'linear', unit: BASE }
    },
  },
  'binance-delivery': {
    venue: 'binancecoinm',
    fundingIntervalHours: 8,
    parse(raw) {
      // COIN-M contracts are all quoted in USD: the base is whatever precedes "USD_".
      const m = /^([A-Z0-9]+)USD_(PERP|\d{6})$/.exec(raw)
      if (!m) return `${raw} is not a COIN-M contract (BASEUSD_PERP or BASEUSD_YYMMDD)`
      const e = m[2] === 'PERP' ? undefined : m[2]
      return { symbol: `${m[1]}/USD:${m[1]}${expiry(e)}`, kind: 'inverse', unit: face100or10(m[1]!) }
    },
  },
  bybit: {
    venue: 'bybit',
    fundingIntervalHours: 8,
    parse(raw) {
      let m = /^([A-Z0-9]+?)USDT$/.exec(raw)
      if (m) return { symbol: `${m[1]}/USDT:USDT`, kind: 'linear', unit: BASE }
      m = /^([A-Z0-9]+?)PERP$/.exec(raw)
      if (m) return { symbol: `${m[1]}/USDC:USDC`, kind: 'linear', unit: BASE }
      // Inverse contracts are 1 USD each, perpetual (BTCUSD) or dated (BTCUSDZ24: no unified date known).
      m = /^([A-Z0-9]+?)USD$/.exec(raw)
      if (m) return { symbol: `${m[1]}/USD:${m[1]}`, kind: 'inverse', unit: { kind: 'usd', faceUsd: 1 } }
      return `${raw} is not a Bybit perp (BASEUSDT, BASEPERP or BASEUSD)`
    },
  },
  'bybit-spot': { venue: 'bybit', fundingIntervalHours: null, parse: spotGlued },
  okex: { venue: 'okx', fundingIntervalHours: null, parse: spotSeparated },
  'okex-swap': {
    venue: 'okx',
    fundingIntervalHours: 8,
    parse(raw) {
      const m = /^([A-Z0-9]+)-(USDT|USDC|USD)-SWAP$/.exec(raw)
      if (!m) return `${raw} is not an OKX swap (BASE-QUOTE-SWAP)`
      const [, base, quote] = m as unknown as [string, string, string]
      if (quote === 'USD') return { symbol: `${base}/USD:${base}`, kind: 'inverse', unit: face100or10(base) }
      const unit = linearContracts(OKX_LINEAR_SIZE, base, raw, 'okex-swap')
      return typeof unit === 'string' ? unit : { symbol: `${base}/${quote}:${quote}`, kind: 'linear', unit }
    },
  },
  'okex-futures': {
    venue: 'okx',
    fundingIntervalHours: null,
    parse(raw) {
      const m = /^([A-Z0-9]+)-(USDT|USD)-(\d{6})$/.exec(raw)
      if (!m) return `${raw} is not an OKX future (BASE-QUOTE-YYMMDD)`
      const [, base, quote, date] = m as unknown as [string, string, string, string]
      if (quote === 'USD')
        return { symbol: `${base}/USD:${base}-${date}`, kind: 'inverse', unit: face100or10(base) }
      const unit = linearContracts(OKX_LINEAR_SIZE, base, raw, 'okex-futures')
      return typeof unit === 'string' ? unit : { symbol: `${base}/USDT:USDT-${date}`, kind: 'linear', unit }
    },
  },
  deribit: {
    venue: 'deribit',
    fundingIntervalHours: 8,
    parse(raw) {
      // Inverse perps count amounts in USD; USDC-margined linear perps in the base coin. Options are refused.
      let m = /^([A-Z0-9]+)-PERPETUAL$/.exec(raw)
      if (m) return { symbol: `${m[1]}/USD:${m[1]}`, kind: 'inverse', unit: { kind: 'usd', faceUsd: 1 } }
      m = /^([A-Z0-9]+)_(USDC|USDT)-PERPETUAL$/.exec(raw)
      if (m) return { symbol: `${m[1]}/${m[2]}:${m[2]}`, kind: 'linear', unit: BASE }
      return `${raw} is not a Deribit perpetual (options and dated futures are not imported)`
    },
  },
  bitmex: {
    venue: 'bitmex',
    fundingIntervalHours: 8,
    parse(raw) {
      if (raw === 'XBTUSD')
        return { symbol: 'BTC/USD:BTC', kind: 'inverse', unit: { kind: 'usd', faceUsd: 1 } }
      return `${raw}: only XBTUSD (inverse, 1 USD a contract) is mapped on BitMEX; its quanto and linear contracts have per-instrument multipliers`
    },
  },
  huobi: { venue: 'htx', fundingIntervalHours: null, parse: spotGlued },
  'huobi-dm-swap': {
    venue: 'htx',
    fundingIntervalHours: 8,
    parse(raw) {
      const m = /^([A-Z0-9]+)-USD$/.exec(raw)
      return m
        ? { symbol: `${m[1]}/USD:${m[1]}`, kind: 'inverse', unit: face100or10(m[1]!) }
        : `${raw} is not an HTX coin-margined swap (BASE-USD)`
    },
  },
  'huobi-dm-linear-swap': {
    venue: 'htx',
    fundingIntervalHours: 8,
    parse(raw) {
      const m = /^([A-Z0-9]+)-USDT$/.exec(raw)
      if (!m) return `${raw} is not an HTX USDT swap (BASE-USDT)`
      const unit = linearContracts(HTX_LINEAR_SIZE, m[1]!, raw, 'huobi-dm-linear-swap')
      return typeof unit === 'string' ? unit : { symbol: `${m[1]}/USDT:USDT`, kind: 'linear', unit }
    },
  },
  'gate-io': { venue: 'gate', fundingIntervalHours: null, parse: spotSeparated },
  'gate-io-futures': {
    venue: 'gate',
    fundingIntervalHours: 8,
    parse(raw) {
      const m = /^([A-Z0-9]+)_USDT$/.exec(raw)
      if (!m) return `${raw} is not a Gate USDT perp (BASE_USDT)`
      const unit = linearContracts(GATE_LINEAR_SIZE, m[1]!, raw, 'gate-io-futures')
      return typeof unit === 'string' ? unit : { symbol: `${m[1]}/USDT:USDT`, kind: 'linear', unit }
    },
  },
  coinbase: { venue: 'coinbase', fundingIntervalHours: null, parse: spotSeparated },
  kraken: { venue: 'kraken', fundingIntervalHours: null, parse: spotSeparated },
  bitstamp: { venue: 'bitstamp', fundingIntervalHours: null, parse: spotGlued },
  hyperliquid: {
    venue: 'hyperliquid',
    // Hyperliquid pays funding every hour; perps settle in USDC and trade in coins.
    fundingIntervalHours: 1,
    parse(raw) {
      return /^[A-Z0-9]+$/.test(raw)
        ? { symbol: `${raw}/USDC:USDC`, kind: 'linear', unit: BASE }
        : `${raw} is not a Hyperliquid perp (the coin alone, e.g. BTC)`
    },
  },
}

/** Base units of an amount at a price, for the market's contract unit. */
export function amountToBase(unit: ContractUnit, amount: number, price: number): number {
  switch (unit.kind) {
    case 'base':
      return amount
    case 'usd':
      return (amount * unit.faceUsd) / price
    case 'baseContracts':
      return amount * unit.size
  }
}

/** USD notional of an amount at a price (for inverse contracts: the face value, independent of price). */
export function amountToUsd(unit: ContractUnit, amount: number, price: number): number {
  return unit.kind === 'usd' ? amount * unit.faceUsd : amountToBase(unit, amount, price) * price
}
