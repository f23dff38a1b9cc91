import type { Settings } from '../../../shared/settings'
import type { MarketCapSourceStatus, Notice } from '../../../shared/engine-status'
import { parseMarketKey } from '../../../shared/market-event'
import { baseAsset } from '../../../shared/scoring/positioning/open-interest'
import { formatDuration } from '../../../shared/scoring/metric'
import type { Logger } from '../logging/logger'
import { COINGECKO_DEFAULT_BASE_URL, coinsMarketsUrl, parseCoinsMarkets } from './coingecko-markets'
import type { FetchedMarketCap } from './coingecko-markets'
import type { MarketCapCache } from './market-cap-cache'
import {
  MARKET_CAP_STALE_MS,
  cacheAgeMs,
  cachedCapsUsd,
  createCache,
  isCacheStale,
  readMarketCapCache,
  writeMarketCapCache,
} from './market-cap-cache'

/** CoinGecko's market caps move slowly against OI; refreshing more often only spends its keyless quota. */
export const MARKET_CAP_REFRESH_MS = 6 * 3_600_000
/** After a failure, or for assets newly added to the watchlist, ask again no sooner than this. */
export const MARKET_CAP_RETRY_MS = 30 * 60_000

export interface MarketCapServiceOptions {
  cachePath: string
  settings: () => Settings
  logger: Logger
  notify: (level: Notice['level'], message: string) => void
  /** Hands the fetched caps in use (empty when the source is manual) and the status line to the engine. */
  publish: (fetchedCapsUsd: Record<string, number>, status: MarketCapSourceStatus) => void
  /** `RADAR_COINGECKO_URL` or CoinGecko's own API. */
  baseUrl?: string
  fetchImpl?: typeof fetch
  nowMs?: () => number
  timeoutMs?: number
  /** How often the service checks whether a refresh is due (it fetches only when one is). */
  checkEveryMs?: number
}

/**
 * Market caps from CoinGecko's public API for the watchlist's base assets, cached on disk so a restart or
 * an outage keeps the last values. Nothing is fetched unless Settings chose CoinGecko as the source.
 */
export class MarketCapService {
  private cache: MarketCapCache | null = null
  private lastAttemptMs: number | null = null
  private lastError: string | null = null
  private failing = false
  /** What the last failure notice said about the cache ('none', 'fresh', 'stale'): a change is news. */
  private noticedCacheState: string | null = null
  private inFlight: Promise<void> | null = null
  private timer: NodeJS.Timeout | null = null
  private readonly now: () => number

  constructor(private readonly opts: MarketCapServiceOptions) {
    this.now = opts.nowMs ?? Date.now
  }

  /** Loads the cache, publishes it and starts the refresh checks. */
  start(): void {
    const { cache, warning } = readMarketCapCache(this.opts.cachePath)
    this.cache = cache
    if (warning) this.opts.logger.warn(warning)
    this.publish()
    void this.refreshIfDue()
    this.timer = setInterval(() => void this.refreshIfDue(), this.opts.checkEveryMs ?? 5 * 60_000)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Settings changed: the source or the watchlist may have; republish and fetch if now due. */
  onSettingsChanged(): void {
    this.publish()
    void this.refreshIfDue()
  }

  /** Upper-case base assets of the watchlist and the reference asset, sorted. */
  wantedAssets(): string[] {
    const s = this.opts.settings()
    const assets = new Set<string>([s.referenceAsset])
    for (const key of s.watchlist) {
      try {
        assets.add(baseAsset(parseMarketKey(key).symbol).toUpperCase())
      } catch {
        // a malformed key is reported where the watchlist is used; it has no asset to look up here
      }
    }
    return [...assets].sort()
  }

  isDue(): boolean {
    if (this.opts.settings().marketCapSource !== 'coingecko' || this.inFlight) return false
    const now = this.now()
    const sinceAttempt = this.lastAttemptMs === null ? Infinity : now - this.lastAttemptMs
    if (!this.cache) return sinceAttempt >= MARKET_CAP_RETRY_MS
    if (cacheAgeMs(this.cache, now) >= MARKET_CAP_REFRESH_MS) return sinceAttempt >= MARKET_CAP_RETRY_MS
    const asked = new Set(this.cache.requestedAssets)
    const missing = this.wantedAssets().some((a) => !asked.has(a))
    return missing && sinceAttempt >= MARKET_CAP_RETRY_MS
  }

  /** Fetches when due; resolves when that fetch (or one already running) has finished. */
  refreshIfDue(): Promise<void> {
    if (this.inFlight) return this.inFlight
    if (!this.isDue()) return Promise.resolve()
    this.inFlight = this.refresh().finally(() => {
      this.inFlight = null
    })
    return this.inFlight
  }

  status(): MarketCapSourceStatus {
    return {
      source: this.opts.settings().marketCapSource,
      fetchedAtMs: this.cache?.fetchedAtMs ?? null,
      assets: Object.keys(this.cache?.caps ?? {}).sort(),
      staleAfterMs: MARKET_CAP_STALE_MS,
      lastAttemptMs: this.lastAttemptMs,
      lastError: this.lastError,
    }
  }

  private publish(): void {
    const use = this.opts.settings().marketCapSource === 'coingecko'
    this.opts.publish(use ? cachedCapsUsd(this.cache) : {}, this.status())
  }

  private async refresh(): Promise<void> {
    const assets = this.wantedAssets()
    this.lastAttemptMs = this.now()
    try {
      const caps = await this.fetchCaps(assets)
      this.cache = createCache(this.now(), assets, caps)
      writeMarketCapCache(this.opts.cachePath, this.cache)
      if (this.failing) this.opts.logger.info('market caps: CoinGecko reachable again')
      this.failing = false
      this.noticedCacheState = null
      this.lastError = null
      this.opts.logger.info('market caps fetched', { assets: Object.keys(caps).length, asked: assets.length })
    } catch (err) {
      this.onFailure(err instanceof Error ? err.message : String(err))
    }
    this.publish()
  }

  private async fetchCaps(assets: string[]): Promise<Record<string, FetchedMarketCap>> {
    const doFetch = this.opts.fetchImpl ?? fetch
    const caps: Record<string, FetchedMarketCap> = {}
    const skipped: string[] = []
    for (let i = 0; i < assets.length; i += 50) {
      const chunk = assets.slice(i, i + 50)
      const url = coinsMarketsUrl(this.opts.baseUrl ?? COINGECKO_DEFAULT_BASE_URL, chunk)
      const res = await doFetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
      })
      if (!res.ok) {
        const retry = res.headers.get('retry-after')
        throw new Error(`HTTP ${res.status} from ${url}${retry ? ` (Retry-After ${retry} s)` : ''}`)
      }
      let body: unknown
      try {
        body = await res.json()
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err)
        throw new Error(`${url} did not answer JSON (${why})`, { cause: err })
      }
      const parsed = parseCoinsMarkets(body, chunk)
      Object.assign(caps, parsed.caps)
      skipped.push(...parsed.skipped)
    }
    if (skipped.length > 0)
      this.opts.logger.once('market-cap-rows-skipped', 'warn', 'market caps: CoinGecko rows skipped', {
        skipped,
      })
    return caps
  }

  /**
   * Old values stay in use; the problem is logged once per run of failures, not every retry, and shown
   * again only when the cached values turn stale meanwhile.
   */
  private onFailure(reason: string): void {
    this.lastError = reason
    if (!this.failing) this.opts.logger.warn('market caps: CoinGecko fetch failed', { reason })
    this.failing = true
    const cacheState = !this.cache ? 'none' : isCacheStale(this.cache, this.now()) ? 'stale' : 'fresh'
    if (cacheState === this.noticedCacheState) return
    this.noticedCacheState = cacheState
    this.opts.notify(this.cache ? 'warning' : 'error', this.failureNotice(reason))
  }

  private failureNotice(reason: string): string {
    const head = `Market caps: CoinGecko could not be read (${reason}).`
    if (!this.cache)
      return `${head} No cached values yet: OI / market cap stays n/a except for assets with a value in Settings.`
    const now = this.now()
    const when = new Date(this.cache.fetchedAtMs).toISOString().slice(0, 16).replace('T', ' ')
    const age = formatDuration(cacheAgeMs(this.cache, now))
    const stale = isCacheStale(this.cache, now) ? ', stale' : ''
    return `${head} Using the values fetched ${when} UTC (${age} old${stale}).`
  }
}
