import type { TiersLookup } from '../../../shared/radar-core'
import { loadBundledTiers } from '../sizing/bundled-tiers'

/**
 * Tiers for the heatmap: the bundled Binance USDⓈ-M snapshot. Other venues get no estimate rather than
 * another venue's brackets passed off as theirs.
 */
export function bundledTiersLookup(): TiersLookup {
  let snapshot: ReturnType<typeof loadBundledTiers> | null = null
  return (venue, symbol) => {
    if (venue !== 'binanceusdm') return null
    snapshot ??= loadBundledTiers()
    return snapshot.markets.get(symbol)?.tiers ?? null
  }
}
