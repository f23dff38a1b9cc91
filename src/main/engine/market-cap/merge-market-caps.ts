/**
 * The market cap per base asset the scoring uses: a value typed in Settings wins over a fetched one, a
 * fetched one fills the rest, and an asset with neither is absent, so OI / market cap reads n/a for it.
 * Non-positive or non-finite values count as absent: a cap of 0 would make the ratio infinite, not zero.
 */
export function mergeMarketCaps(
  manualUsd: Readonly<Record<string, number>>,
  fetchedUsd: Readonly<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = {}
  const usable = (v: number): boolean => Number.isFinite(v) && v > 0
  for (const [asset, usd] of Object.entries(fetchedUsd)) if (usable(usd)) out[asset.toUpperCase()] = usd
  for (const [asset, usd] of Object.entries(manualUsd)) if (usable(usd)) out[asset.toUpperCase()] = usd
  return out
}
