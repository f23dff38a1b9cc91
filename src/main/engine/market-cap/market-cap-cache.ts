import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { FetchedMarketCap } from './coingecko-markets'

/** A fetch older than this is used but flagged as stale in the status and in notices. */
export const MARKET_CAP_STALE_MS = 24 * 3_600_000

/** `cache/market-caps.json` in the user-data folder. */
export function marketCapCachePath(userDataDir: string): string {
  return join(userDataDir, 'cache', 'market-caps.json')
}

const capSchema = z.object({
  asset: z.string().min(1),
  coinId: z.string(),
  marketCapUsd: z.number().positive(),
  circulatingSupply: z.number().positive().nullable(),
  lastUpdatedMs: z.number().nullable(),
})

const cacheSchema = z.object({
  version: z.literal(1),
  source: z.literal('coingecko'),
  fetchedAtMs: z.number().int().nonnegative(),
  /** The assets the fetch asked for: an asset asked for but absent has no cap at the source. */
  requestedAssets: z.array(z.string()),
  caps: z.record(z.string(), capSchema),
})

export type MarketCapCache = z.infer<typeof cacheSchema>

export function createCache(
  fetchedAtMs: number,
  requestedAssets: readonly string[],
  caps: Record<string, FetchedMarketCap>,
): MarketCapCache {
  return { version: 1, source: 'coingecko', fetchedAtMs, requestedAssets: [...requestedAssets], caps }
}

/**
 * Reads the cache file. A missing file is no cache; a damaged one is no cache plus a warning naming the
 * file and the field (the next fetch overwrites it, so nothing is moved aside).
 */
export function readMarketCapCache(path: string): { cache: MarketCapCache | null; warning: string | null } {
  if (!existsSync(path)) return { cache: null, warning: null }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    return { cache: null, warning: `market-cap cache ${path} is not valid JSON (${why}); it is ignored` }
  }
  const result = cacheSchema.safeParse(parsed)
  if (!result.success) {
    const issue = result.error.issues[0]
    const field = issue?.path.join('.') || '(root)'
    return {
      cache: null,
      warning: `market-cap cache ${path}: field "${field}" ${issue?.message ?? 'is invalid'}; it is ignored`,
    }
  }
  return { cache: result.data, warning: null }
}

/** Writes through a temporary file so a crash mid-write never leaves half a cache. */
export function writeMarketCapCache(path: string, cache: MarketCapCache): void {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.tmp`
  writeFileSync(tmp, JSON.stringify(cache, null, 2) + '\n')
  renameSync(tmp, path)
}

export function cacheAgeMs(cache: MarketCapCache, nowMs: number): number {
  return Math.max(0, nowMs - cache.fetchedAtMs)
}

export function isCacheStale(cache: MarketCapCache, nowMs: number): boolean {
  return cacheAgeMs(cache, nowMs) > MARKET_CAP_STALE_MS
}

/** The cached caps as the scoring config wants them: USD per base asset. */
export function cachedCapsUsd(cache: MarketCapCache | null): Record<string, number> {
  const out: Record<string, number> = {}
  if (!cache) return out
  for (const [asset, cap] of Object.entries(cache.caps)) out[asset] = cap.marketCapUsd
  return out
}
