import type { MarketKey } from '../../market-event'
import type { ScoringConfig } from '../config'
import type { MarketState } from '../market-state'
import { formatDuration } from '../metric'
import { spotPairKey, type Mid } from './basis-state'

/** The markets a pairing may choose from: the scoring state's indexes, passed in (no import cycle). */
export interface PairIndex {
  markets: Map<MarketKey, MarketState>
  byAsset: Map<string, MarketKey[]>
}

/** `BTC/USDT:USDT` → `USDT`, `BTC/USD:BTC` → `USD`, `BTC/USD` → `USD`. */
export function quoteOf(symbol: string): string {
  const slash = symbol.indexOf('/')
  const colon = symbol.indexOf(':')
  return symbol.slice(slash + 1, colon === -1 ? undefined : colon)
}

/** Dollar-like quotes a perp's basis may be measured against, best first after the perp's own quote. */
const USD_QUOTES = ['USD', 'USDT', 'USDC']

function quoteRank(perpQuote: string, q: string): number {
  if (q === perpQuote) return 0
  const i = USD_QUOTES.indexOf(q)
  return i === -1 ? Number.POSITIVE_INFINITY : i + 1
}

/**
 * The spot market a perp's basis is measured against, among the markets seen so far:
 * - the configured venue (`basisSpotVenue`, a setting and an import option) when it has a spot market of the
 *   perp's base asset — and nothing else when it has none, so a chosen pairing is never silently replaced;
 * - otherwise the spot market of the perp's own venue family (Binance USDⓈ-M → Binance spot);
 * - otherwise any spot market of the same base asset on another venue (Coinbase BTC/USD for a Binance perp, or
 *   for a coin-margined perp, which has no spot twin of its own), preferring the perp's quote, then USD, USDT,
 *   USDC, then the venue name (deterministic).
 * Returns the key, or null when no spot market of the asset is known.
 */
export function resolveSpotKey(ix: PairIndex, cfg: ScoringConfig, m: MarketState): MarketKey | null {
  // A checkpoint from before pairings across venues has no family key stored: derive it.
  const familyKey = m.basis.familySpotKey ?? spotPairKey(m.venue, m.symbol)
  const candidates: MarketState[] = []
  for (const k of ix.byAsset.get(m.asset) ?? []) {
    const s = ix.markets.get(k)
    if (
      s &&
      !s.isPerp &&
      s.symbol.startsWith(`${m.asset}/`) &&
      quoteRank(quoteOf(m.symbol), quoteOf(s.symbol)) < Infinity
    )
      candidates.push(s)
  }
  const perpQuote = quoteOf(m.symbol)
  const best = (list: MarketState[]): MarketKey | null => {
    let pick: MarketState | null = null
    for (const s of list) {
      if (!pick) pick = s
      else {
        const d = quoteRank(perpQuote, quoteOf(s.symbol)) - quoteRank(perpQuote, quoteOf(pick.symbol))
        if (d < 0 || (d === 0 && s.venue < pick.venue)) pick = s
      }
    }
    return pick?.key ?? null
  }
  const venue = cfg.basisSpotVenue
  if (venue) return best(candidates.filter((s) => s.venue === venue))
  if (familyKey && ix.markets.has(familyKey)) return familyKey
  return best(candidates) ?? familyKey
}

/** A spot market's count of candidate markets for `asset` when the pairing was last resolved. */
function assetMarketCount(ix: PairIndex, asset: string): number {
  return ix.byAsset.get(asset)?.length ?? 0
}

/**
 * The perp's paired spot key, resolved again only when the asset's market list has grown (a new venue's
 * market appeared) or the setting changed: the hot path pays one map lookup.
 */
export function pairedSpotKey(ix: PairIndex, cfg: ScoringConfig, m: MarketState): MarketKey | null {
  const b = m.basis
  // Markets are only ever added: while their total is what it was, the asset's count is too.
  if (b.resolvedAtTotal === ix.markets.size && b.resolvedForVenue === cfg.basisSpotVenue) return b.spotKey
  const n = assetMarketCount(ix, m.asset)
  if (b.resolvedAtCount !== n || b.resolvedForVenue !== cfg.basisSpotVenue) {
    b.spotKey = resolveSpotKey(ix, cfg, m)
    b.resolvedAtCount = n
    b.resolvedForVenue = cfg.basisSpotVenue
  }
  b.resolvedAtTotal = ix.markets.size
  return b.spotKey
}

/** Whether `basisPrice` has a price for the market at `nowMs` (nothing built: asked on every trade). */
function hasBasisPrice(s: MarketState, nowMs: number, maxAgeMs: number): boolean {
  if (s.mid && nowMs - s.mid.tsMs <= maxAgeMs) return true
  const b = s.basis
  return b.lastTradePrice != null && b.lastTradeTsMs != null && nowMs - b.lastTradeTsMs <= maxAgeMs
}

/**
 * Whether `basisPricing` would give the perp both prices at `nowMs` (its paired spot market is known and
 * both sides have a fresh price): the per-event check before a due sample builds the pricing, so a perp
 * without a spot market, or with a stale one, costs no objects or reason strings per trade.
 */
export function basisSampleReady(ix: PairIndex, cfg: ScoringConfig, m: MarketState, nowMs: number): boolean {
  if (!m.isPerp) return false
  const spotKey = pairedSpotKey(ix, cfg, m)
  const spot = spotKey === null ? undefined : ix.markets.get(spotKey)
  if (spot === undefined) return false
  const maxAge = cfg.basisSampleSeconds * 1000
  return hasBasisPrice(m, nowMs, maxAge) && hasBasisPrice(spot, nowMs, maxAge)
}

/** A market's price for the basis at `nowMs`: its bid/ask mid when fresh, else its last trade when fresh. */
export function basisPrice(
  s: MarketState,
  nowMs: number,
  maxAgeMs: number,
): { mid: Mid; fromTrade: boolean } | null {
  if (s.mid && nowMs - s.mid.tsMs <= maxAgeMs) return { mid: s.mid, fromTrade: false }
  const b = s.basis
  if (b.lastTradePrice != null && b.lastTradeTsMs != null && nowMs - b.lastTradeTsMs <= maxAgeMs)
    return { mid: { price: b.lastTradePrice, tsMs: b.lastTradeTsMs }, fromTrade: true }
  return null
}

/** How long a quote-conversion rate (USDT/USD) stays usable: stablecoin rates move slowly. */
export const RATE_MAX_AGE_MS = 3_600_000

/** USD per unit of `quote` from a `quote/USD` spot market in the session (any venue), or null. */
export function usdRate(
  ix: PairIndex,
  quote: string,
  nowMs: number,
): { rate: number; key: MarketKey; tsMs: number } | null {
  if (quote === 'USD') return { rate: 1, key: '', tsMs: nowMs }
  let found: { rate: number; key: MarketKey; tsMs: number } | null = null
  for (const k of ix.byAsset.get(quote) ?? []) {
    const s = ix.markets.get(k)
    if (!s || s.isPerp || s.symbol !== `${quote}/USD`) continue
    const p = basisPrice(s, nowMs, RATE_MAX_AGE_MS)
    if (p && (!found || p.mid.tsMs > found.tsMs)) found = { rate: p.mid.price, key: k, tsMs: p.mid.tsMs }
  }
  return found
}

/** The two prices a basis is computed from, in one currency where a rate allows, and what was done to them. */
export interface BasisPricing {
  /** The paired spot market's key; null when the session or feed has no spot market of the asset. */
  spotKey: MarketKey | null
  /** Whether that spot market has sent anything yet. */
  spotKnown: boolean
  /** The spot market is not the perp's own family's (another venue, chosen or found). */
  crossVenue: boolean
  perp: Mid | null
  spot: Mid | null
  /** Either side came from the last trade of the interval (no fresh bid/ask). */
  fromTrades: boolean
  /** The quote difference and what was done about it; null when both sides share a quote. */
  quoteNote: string | null
  /** Why a side has no usable price (none yet, or stale); null when both have one. */
  missing: string | null
}

/** Why a market has no price for the basis at `nowMs`: nothing yet, or its newest price too old. */
function noPriceReason(s: MarketState, what: string, nowMs: number): string {
  const newest = Math.max(s.mid?.tsMs ?? -Infinity, s.basis.lastTradeTsMs ?? -Infinity)
  return newest === -Infinity
    ? `no bid/ask or trade yet on ${what}`
    : `prices on ${what} are stale (${formatDuration(nowMs - newest)} old)`
}

function fmtRate(r: number): string {
  return r.toFixed(5)
}

/**
 * The perp's and its spot's prices for a basis at `nowMs`. When the quotes differ (a Binance USDT perp against
 * Coinbase USD spot, a coin-margined USD perp against USDT spot) both are converted to USD with a `X/USD` rate
 * the session holds; without one the raw prices are compared and the note says the basis includes the quote
 * difference.
 */
export function basisPricing(ix: PairIndex, cfg: ScoringConfig, m: MarketState, nowMs: number): BasisPricing {
  // A spot market has no basis of its own: no pairing is looked up for it.
  const spotKey = m.isPerp ? pairedSpotKey(ix, cfg, m) : null
  const spot = spotKey === null ? undefined : ix.markets.get(spotKey)
  const res: BasisPricing = {
    spotKey,
    spotKnown: spot !== undefined,
    crossVenue: spotKey !== null && spotKey !== (m.basis.familySpotKey ?? spotPairKey(m.venue, m.symbol)),
    perp: null,
    spot: null,
    fromTrades: false,
    quoteNote: null,
    missing: null,
  }
  if (!spot) return res
  const maxAge = cfg.basisSampleSeconds * 1000
  const p = basisPrice(m, nowMs, maxAge)
  const s = basisPrice(spot, nowMs, maxAge)
  if (!p || !s) {
    res.missing = !p
      ? noPriceReason(m, 'the perp', nowMs)
      : noPriceReason(spot, `the spot pair ${spotKey}`, nowMs)
    return res
  }
  res.fromTrades = p.fromTrade || s.fromTrade
  const pq = quoteOf(m.symbol)
  const sq = quoteOf(spot.symbol)
  let perpPrice = p.mid.price
  let spotPrice = s.mid.price
  if (pq !== sq) {
    const pr = usdRate(ix, pq, nowMs)
    const sr = usdRate(ix, sq, nowMs)
    const what = `perp quoted in ${pq}, spot (${spot.venue}) in ${sq}`
    if (pr && sr) {
      perpPrice *= pr.rate
      spotPrice *= sr.rate
      const rates = [pr, sr]
        .map((r, i) => (r.key ? `${[pq, sq][i]}/USD ${fmtRate(r.rate)} (${r.key})` : null))
        .filter(Boolean)
      res.quoteNote = `${what}: both in USD by ${rates.join(' and ')}`
    } else {
      const missing = [pr ? null : pq, sr ? null : sq].filter(Boolean).map((q) => `${q}/USD`)
      res.quoteNote = `${what}: includes the quote difference (no fresh ${missing.join(' or ')} rate in the session)`
    }
  }
  res.perp = { price: perpPrice, tsMs: p.mid.tsMs }
  res.spot = { price: spotPrice, tsMs: s.mid.tsMs }
  return res
}
