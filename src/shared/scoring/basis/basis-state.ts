import type { VenueId } from '../../market-event'
import { isPerpSymbol, marketKey } from '../../market-event'
import type { ScoringConfig } from '../config'
import type { RollingStats } from '../stats/rolling-stats'
import { rollingCreate, rollingPush } from '../stats/rolling-stats'

/** Spot venue of each perp venue; coin-margined perps have no USD-quoted spot twin and report n/a. */
const SPOT_VENUE: Partial<Record<VenueId, VenueId>> = { binanceusdm: 'binance', bybit: 'bybit', okx: 'okx' }

/** Key of the spot market a perp's basis is measured against, or null when it has none. */
export function spotPairKey(venue: VenueId, symbol: string): string | null {
  if (!isPerpSymbol(symbol)) return null
  const spotVenue = SPOT_VENUE[venue]
  if (!spotVenue) return null
  return marketKey(spotVenue, symbol.slice(0, symbol.indexOf(':')))
}

/** Perp-minus-spot basis in bps, sampled every `basisSampleSeconds` of exchange time. */
export interface BasisState {
  spotKey: string | null
  z: RollingStats
  fast: RollingStats
  slow: RollingStats
  lastSampleMs: number | null
  lastBps: number | null
}

export function basisCreate(cfg: ScoringConfig, venue: VenueId, symbol: string): BasisState {
  const ms = cfg.basisSampleSeconds * 1000
  return {
    spotKey: spotPairKey(venue, symbol),
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

/** Samples the basis when a sample is due and both mids are fresh (no older than one sample interval). */
export function basisMaybeSample(
  s: BasisState,
  cfg: ScoringConfig,
  nowMs: number,
  perp: Mid | null,
  spot: Mid | null,
): void {
  const ms = cfg.basisSampleSeconds * 1000
  if (!perp || !spot) return
  if (s.lastSampleMs !== null && nowMs - s.lastSampleMs < ms) return
  if (nowMs - perp.tsMs > ms || nowMs - spot.tsMs > ms) return
  const bps = basisBps(perp.price, spot.price)
  rollingPush(s.z, nowMs, bps)
  rollingPush(s.fast, nowMs, bps)
  rollingPush(s.slow, nowMs, bps)
  s.lastSampleMs = nowMs
  s.lastBps = bps
}
