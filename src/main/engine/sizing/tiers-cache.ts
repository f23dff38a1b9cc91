import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SizingVenue } from '../../../shared/sizing/liquidation-for-leverage'
import { SIZING_VENUES } from '../../../shared/sizing/liquidation-for-leverage'
import type { ParsedTiersSnapshot } from '../../../shared/sizing/tiers-snapshot'
import {
  buildTiersSnapshot,
  LOT_SIZE_ABSENT,
  NO_LOT_SIZE_NOTE,
  serializeTiersSnapshot,
} from '../../../shared/sizing/tiers-snapshot-build'
import type { CcxtMarketLike } from '../../../shared/sizing/market-lot'
import { lotsFromCcxtMarkets } from '../../../shared/sizing/market-lot'
import { loadTiersSnapshotFile } from './bundled-tiers'

/**
 * What the cache needs of a ccxt exchange (binanceusdm, bybit): its `fetchLeverageTiers`, and the markets
 * ccxt loads on the way (their amount and price precision are the lot and tick).
 */
export interface LeverageTiersFetcher {
  fetchLeverageTiers: (symbols?: string[]) => Promise<Record<string, unknown>>
  markets?: Record<string, CcxtMarketLike | undefined>
}

/** One file per venue, in the snapshot format, so the bundled file and the cache share one parser. */
export function tiersCachePath(cacheDir: string, venue: SizingVenue): string {
  return join(cacheDir, `leverage-tiers-${venue}.json`)
}

/** The cached tiers of a venue, or null when none were fetched yet. A damaged file is an error. */
export function readTiersCache(cacheDir: string, venue: SizingVenue): ParsedTiersSnapshot | null {
  const path = tiersCachePath(cacheDir, venue)
  return existsSync(path) ? loadTiersSnapshotFile(path) : null
}

/** Every venue's cache that exists; a damaged one is reported and left out, so the bundled tiers answer. */
export function readTiersCaches(
  cacheDir: string,
  onDamaged: (venue: SizingVenue, err: Error) => void,
): Partial<Record<SizingVenue, ParsedTiersSnapshot>> {
  const caches: Partial<Record<SizingVenue, ParsedTiersSnapshot>> = {}
  for (const venue of SIZING_VENUES) {
    try {
      const cache = readTiersCache(cacheDir, venue)
      if (cache) caches[venue] = cache
    } catch (err) {
      onDamaged(venue, err instanceof Error ? err : new Error(String(err)))
    }
  }
  return caches
}

/**
 * Fetches the venue's tiers with ccxt and replaces the cache atomically (write then rename), so a failed
 * fetch or a crash keeps the previous cache. The fetch date goes into the file: the UI dates the figures.
 */
export async function refreshTiersCache(
  exchange: LeverageTiersFetcher,
  venue: SizingVenue,
  cacheDir: string,
  nowMs: number = Date.now(),
): Promise<{ path: string; markets: number; skipped: string[] }> {
  const raw = await exchange.fetchLeverageTiers()
  const fetchedIso = new Date(nowMs).toISOString()
  const lots = lotsFromCcxtMarkets(exchange.markets ?? {})
  const { snapshot, skipped } = buildTiersSnapshot(raw, {
    venue,
    snapshotDate: fetchedIso.slice(0, 10),
    source: `ccxt fetchLeverageTiers (${venue}) fetched ${fetchedIso}`,
    lotSizeNote:
      Object.keys(lots).length > 0
        ? `Lot and tick from ccxt's ${venue} markets (amount and price precision), loaded ${fetchedIso}. ${LOT_SIZE_ABSENT}`
        : NO_LOT_SIZE_NOTE,
    lots,
    // Bybit's raw risk limits may omit mmDeduction; Binance always sends cum.
    strictAmounts: venue === 'binanceusdm',
  })
  mkdirSync(cacheDir, { recursive: true })
  const path = tiersCachePath(cacheDir, venue)
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, serializeTiersSnapshot(snapshot))
  renameSync(tmp, path)
  return { path, markets: Object.keys(snapshot.markets).length, skipped }
}
