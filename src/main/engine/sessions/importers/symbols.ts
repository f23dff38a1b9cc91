import type { VenueId } from '../../../../shared/market-event'

/** Quote assets recognised when splitting a concatenated exchange symbol (longest first). */
const QUOTES = [
  'FDUSD',
  'USDT',
  'USDC',
  'BUSD',
  'TUSD',
  'DAI',
  'USD',
  'BTC',
  'ETH',
  'BNB',
  'EUR',
  'TRY',
  'BRL',
]

function splitPair(pair: string): [string, string] | null {
  for (const q of QUOTES) if (pair.length > q.length && pair.endsWith(q)) return [pair.slice(0, -q.length), q]
  return null
}

/**
 * Unified ccxt symbol of a Binance exchange symbol: `BTCUSDT` on binanceusdm -> `BTC/USDT:USDT`, on binance
 * (spot) -> `BTC/USDT`; `BTCUSD_PERP` on binancecoinm -> `BTC/USD:BTC`; dated contracts get `-YYMMDD`.
 */
export function unifiedBinanceSymbol(raw: string, venue: VenueId): string {
  const upper = raw.toUpperCase()
  const [pairPart, suffix] = upper.split('_') as [string, string | undefined]
  // COIN-M contracts are all quoted in USD: DOTUSD_PERP is DOT/USD, never DO/TUSD.
  const pair: [string, string] | null =
    venue === 'binancecoinm' && pairPart.endsWith('USD') && pairPart.length > 3
      ? [pairPart.slice(0, -3), 'USD']
      : splitPair(pairPart)
  if (!pair) throw new Error(`cannot split "${raw}" into base and quote`)
  const [base, quote] = pair
  if (venue === 'binance') return `${base}/${quote}`
  const settle = venue === 'binancecoinm' ? base : quote
  const expiry = suffix && suffix !== 'PERP' ? `-${suffix}` : ''
  return `${base}/${quote}:${settle}${expiry}`
}

/**
 * USD face value of one Binance COIN-M contract: 100 USD for BTC, 10 USD for every other coin. Quantities
 * in contracts become base units as contracts * faceUsd / price.
 */
export function coinMarginedFaceUsd(symbol: string): number {
  return symbol.startsWith('BTC/') ? 100 : 10
}
