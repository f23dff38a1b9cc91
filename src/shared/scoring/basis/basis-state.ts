import type { VenueId } from '../../market-event'
import { isPerpSymbol, marketKey } from '../../market-event'
import type { ScoringConfig } from '../config'
import type { RollingStats } from '../stats/rolling-stats'
import { rollingCreate, rollingPush } from '../stats/rolling-stats'

/**
 * Spot venue of each perp venue's family, the default pairing; coin-margined perps have no spot twin of their
 * own and pair with any spot market of their base (see basis-pair.ts).
 */
const SPOT_VENUE: Partial<Record<VenueId, VenueId>> = { binanceusdm: 'binance', bybit: 'bybit', okx: 'okx' }

/** Key of the spot market of a perp's own venue family, or null when its family has none. */
export function spotPairKey(venue: VenueId, symbol: string): string | null {
  if (!isPerpSymbol(symbol)) return null
  const spotVenue = SPOT_VENUE[venue]
  if (!spotVenue) return null
  return marketKey(spotVenue, symbol.slice(0, symbol.indexOf(':')))
}

/** Perp-minus-spot basis in bps, sampled every `basisSampleSeconds` of exchange time. */
export interface BasisState {
  /** The spot market of the perp's own venue family (the default pairing), or null. */
  familySpotKey: string | null
  /** The paired spot market as last resolved (basis-pair.ts), or null when none is known. */
  spotKey: string | null
  /** The asset's market count and the configured venue at the last resolution: either changing resolves again. */
  resolvedAtCount: number
  resolvedForVenue: string | null
  /** Markets in the whole state at the last resolution (absent in older checkpoints): a cheaper first check. */
  resolvedAtTotal?: number
  /** Last trade of this market (perp or spot): the basis falls back to it when there is no fresh bid/ask. */
  lastTradePrice: number | null
  lastTradeTsMs: number | null
  /** The latest sample used a last trade on either side. */
  lastFromTrades: boolean
  z: RollingStats
  fast: RollingStats
  slow: RollingStats
  lastSampleMs: number | null
  lastBps: number | null
}

export function basisCreate(cfg: ScoringConfig, venue: VenueId, symbol: string): BasisState {
  const ms = cfg.basisSampleSeconds * 1000
  const family = spotPairKey(venue, symbol)
  return {
    familySpotKey: family,
    spotKey: family,
    resolvedAtCount: -1,
    resolvedForVenue: null,
    lastTradePrice: null,
    lastTradeTsMs: null,
    lastFromTrades: false,
    z: rollingCreate(cfg.basisZWindowSamples, cfg.basisZWindowSamples * ms),
    fast: rollingCreate(cfg.basisFastMaSamples, cfg.basisFastMaSamples * ms),
    slow: rollingCreate(cfg.basisSlowMaSamples, cfg.basisSlowMaSamples * ms),
    lastSampleMs: null,
    lastBps: null,
  }
}

export interface Mid {
  price: number
  tsMs: number
}

export function basisBps(perpMid: number, spotMid: number): number {
  return ((perpMid - spotMid) / spotMid) * 10_000
}

/** A trade on any market: the last trade is the basis's price when the market has no fresh bid/ask. */
export function basisOnTrade(s: BasisState, tsMs: number, price: number): void {
  if (s.lastTradeTsMs === null || tsMs >= s.lastTradeTsMs) {
    s.lastTradeTsMs = tsMs
    s.lastTradePrice = price
  }
}

/** Whether a basis sample is due at `nowMs` (one per `basisSampleSeconds`): checked before any lookup. */
export function basisSampleDue(s: BasisState, cfg: ScoringConfig, nowMs: number): boolean {
  return s.lastSampleMs === null || nowMs - s.lastSampleMs >= cfg.basisSampleSeconds * 1000
}

/**
 * Samples the basis when a sample is due and both prices are fresh (no older than one sample interval): mids,
 * or last trades where a side has no bid/ask (`fromTrades`).
 */
export function basisMaybeSample(
  s: BasisState,
  cfg: ScoringConfig,
  nowMs: number,
  perp: Mid | null,
  spot: Mid | null,
  fromTrades = false,
): void {
  const ms = cfg.basisSampleSeconds * 1000
  if (!perp || !spot) return
  if (!basisSampleDue(s, cfg, nowMs)) return
  if (nowMs - perp.tsMs > ms || nowMs - spot.tsMs > ms) return
  s.lastFromTrades = fromTrades
  const bps = basisBps(perp.price, spot.price)
  rollingPush(s.z, nowMs, bps)
  rollingPush(s.fast, nowMs, bps)
  rollingPush(s.slow, nowMs, bps)
  s.lastSampleMs = nowMs
  s.lastBps = bps
}
