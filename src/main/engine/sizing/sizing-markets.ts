import type { SizingVenue } from '../../../shared/sizing/liquidation-for-leverage'
import type { SizingMarketLookup } from '../../../shared/sizing/size-answer'
import type { ParsedTiersSnapshot } from '../../../shared/sizing/tiers-snapshot'

/**
 * Market lookup for the calculator: a venue's fetched cache first (newer), then the bundled snapshot.
 * Bybit has no bundled snapshot: without a cache its rates must come with the request.
 */
export function createSizingMarketLookup(sources: {
  bundled: ParsedTiersSnapshot | null
  caches: Partial<Record<SizingVenue, ParsedTiersSnapshot>>
}): SizingMarketLookup {
  return (venue, symbol) => {
    const cache = sources.caches[venue]
    const fromCache = cache?.markets.get(symbol)
    if (cache && fromCache)
      return {
        ...fromCache,
        source: { kind: 'cache', date: cache.snapshotDate, description: cache.source },
        lotSource: fromCache.lot ? cache.lotSizeNote : null,
      }
    const bundled = sources.bundled
    const fromBundle = bundled && bundled.venue === venue ? bundled.markets.get(symbol) : undefined
    if (bundled && fromBundle)
      return {
        ...fromBundle,
        source: { kind: 'snapshot', date: bundled.snapshotDate, description: bundled.source },
        lotSource: fromBundle.lot ? bundled.lotSizeNote : null,
      }
    return null
  }
}
