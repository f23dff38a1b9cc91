import { z } from 'zod'

/** CoinGecko's public (keyless) API; `RADAR_COINGECKO_URL` points it elsewhere (a proxy, a test server). */
export const COINGECKO_DEFAULT_BASE_URL = 'https://api.coingecko.com/api/v3'

/** CoinGecko documents `symbols` lookups as limited to 50 symbols per request. */
export const COINGECKO_MAX_SYMBOLS_PER_REQUEST = 50

/** One market cap as fetched: what the cache stores and the engine merges under the Settings values. */
export interface FetchedMarketCap {
  /** Base asset as the radar names it (upper case, e.g. "BTC"). */
  asset: string
  /** CoinGecko's coin id ("bitcoin"), so a user can tell which coin a shared symbol resolved to. */
  coinId: string
  marketCapUsd: number
  circulatingSupply: number | null
  /** CoinGecko's own `last_updated`, ms; null when absent or unparseable. */
  lastUpdatedMs: number | null
}

export interface ParsedMarkets {
  caps: Record<string, FetchedMarketCap>
  /** Rows left out, each saying which row and field was wrong ("row 3 (op): market_cap is null"). */
  skipped: string[]
}

/**
 * One row of `GET /coins/markets` in the shape CoinGecko documents (docs.coingecko.com, "Coins List with
 * Market Data"). Only the fields the radar reads are checked; the rest of the row passes untouched.
 */
const rowSchema = z.looseObject({
  id: z.string().min(1),
  symbol: z.string().min(1),
  market_cap: z.number().nullable().optional(),
  circulating_supply: z.number().nullable().optional(),
  last_updated: z.string().nullable().optional(),
})

/** `{base}/coins/markets?vs_currency=usd&symbols=btc,eth` for up to 50 assets (upper or lower case). */
export function coinsMarketsUrl(baseUrl: string, assets: readonly string[]): string {
  if (assets.length === 0) throw new Error('no assets to ask CoinGecko for')
  if (assets.length > COINGECKO_MAX_SYMBOLS_PER_REQUEST)
    throw new Error(`CoinGecko takes at most ${COINGECKO_MAX_SYMBOLS_PER_REQUEST} symbols per request`)
  const symbols = assets.map((a) => a.toLowerCase()).join(',')
  const params = new URLSearchParams({ vs_currency: 'usd', symbols, per_page: '250', page: '1' })
  return `${resolveCoingeckoBaseUrl(baseUrl)}/coins/markets?${params.toString()}`
}

/**
 * A bare origin (`http://127.0.0.1:9000`, as the venue overrides are written) gets CoinGecko's `/api/v3`
 * path; a URL with a path is taken as the full API base.
 */
export function resolveCoingeckoBaseUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '')
  let parsed: URL
  try {
    parsed = new URL(trimmed)
  } catch {
    throw new Error(`CoinGecko base URL "${url}" is not a URL`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`CoinGecko base URL "${url}" must be http(s)`)
  return parsed.pathname === '/' || parsed.pathname === '' ? `${trimmed}/api/v3` : trimmed
}

/**
 * Reads a `/coins/markets` answer. Rows without a positive market cap are skipped (missing is not zero),
 * as are rows for symbols not asked for. Where two coins share a symbol the larger market cap wins: that
 * is the coin a perpetual's base asset nearly always means (CoinGecko's default `include_tokens=top` does
 * the same on its side).
 */
export function parseCoinsMarkets(body: unknown, wantedAssets: readonly string[]): ParsedMarkets {
  if (!Array.isArray(body)) {
    const what = body === null ? 'null' : typeof body
    throw new Error(`CoinGecko /coins/markets answered ${what}, expected an array of coins`)
  }
  const wanted = new Set(wantedAssets.map((a) => a.toUpperCase()))
  const caps: Record<string, FetchedMarketCap> = {}
  const skipped: string[] = []
  body.forEach((raw: unknown, i) => {
    const row = rowSchema.safeParse(raw)
    if (!row.success) {
      const issue = row.error.issues[0]
      skipped.push(`row ${i + 1}: ${issue?.path.join('.') || '(row)'} ${issue?.message ?? 'is invalid'}`)
      return
    }
    const r = row.data
    const asset = r.symbol.toUpperCase()
    if (!wanted.has(asset)) return
    const mcap = r.market_cap
    if (typeof mcap !== 'number' || !(mcap > 0) || !Number.isFinite(mcap)) {
      skipped.push(
        `row ${i + 1} (${r.symbol}): market_cap is ${mcap === undefined ? 'missing' : String(mcap)}`,
      )
      return
    }
    const prev = caps[asset]
    if (prev && prev.marketCapUsd >= mcap) return
    const supply = r.circulating_supply
    const updated = r.last_updated ? Date.parse(r.last_updated) : NaN
    caps[asset] = {
      asset,
      coinId: r.id,
      marketCapUsd: mcap,
      circulatingSupply: typeof supply === 'number' && supply > 0 ? supply : null,
      lastUpdatedMs: Number.isFinite(updated) ? updated : null,
    }
  })
  return { caps, skipped }
}
