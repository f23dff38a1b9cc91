import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import type { Settings } from '../../../shared/settings'
import type { MarketCapSourceStatus, Notice } from '../../../shared/engine-status'
import { createMemoryLogger } from '../logging/logger'
import { MarketCapService } from './market-cap-service'
import { createCache, marketCapCachePath, writeMarketCapCache } from './market-cap-cache'
import { COINS_MARKETS_FIXTURE } from './coingecko-markets.fixture'

const HOUR = 3_600_000
const T0 = Date.UTC(2024, 11, 1, 12, 0)

/** A stand-in for CoinGecko on 127.0.0.1 serving the documented-shape fixture, or failing on request. */
let server: Server
let origin: string
let requests: string[]
let answer: 'ok' | 'http500' | 'http429'

beforeEach(async () => {
  requests = []
  answer = 'ok'
  server = createServer((req, res) => {
    requests.push(req.url ?? '')
    if (answer === 'http500') {
      res.writeHead(500).end('{"error":"internal"}')
    } else if (answer === 'http429') {
      res.writeHead(429, { 'retry-after': '60', 'content-type': 'application/json' })
      res.end('{"status":{"error_code":429,"error_message":"You\'ve exceeded the Rate Limit."}}')
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(COINS_MARKETS_FIXTURE))
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()))
})

function setup(opts: { source?: Settings['marketCapSource']; dir?: string } = {}) {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'radar-mcap-svc-'))
  const settings: Settings = {
    ...defaultSettings(),
    marketCapSource: opts.source ?? 'coingecko',
    watchlist: ['binanceusdm:BTC/USDT:USDT', 'binanceusdm:OP/USDT:USDT', 'binance:ETH/USDT'],
  }
  const clock = { now: T0 }
  const published: { caps: Record<string, number>; status: MarketCapSourceStatus }[] = []
  const notices: { level: Notice['level']; message: string }[] = []
  const logger = createMemoryLogger()
  const svc = new MarketCapService({
    cachePath: marketCapCachePath(dir),
    settings: () => settings,
    logger,
    notify: (level, message) => notices.push({ level, message }),
    publish: (caps, status) => published.push({ caps, status }),
    baseUrl: origin,
    nowMs: () => clock.now,
  })
  const last = () => published[published.length - 1]!
  return { dir, settings, clock, published, notices, logger, svc, last }
}

/** A user-data folder whose cache holds one asset's cap, fetched at `fetchedAtMs`. */
function cachedDir(fetchedAtMs: number, asset: string, coinId: string, marketCapUsd: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'radar-mcap-svc-'))
  const cap = { asset, coinId, marketCapUsd, circulatingSupply: null, lastUpdatedMs: null }
  writeMarketCapCache(
    marketCapCachePath(dir),
    createCache(fetchedAtMs, ['BTC', 'ETH', 'OP'], { [asset]: cap }),
  )
  return dir
}

/** Starts a service whose first fetch gets HTTP 500, and waits for that fetch. */
async function startFailing(dir?: string) {
  answer = 'http500'
  const t = setup(dir ? { dir } : {})
  t.svc.start()
  await t.svc.refreshIfDue()
  return t
}

describe('market-cap service', () => {
  it('asks nothing while the source is manual', async () => {
    const t = setup({ source: 'manual' })
    t.svc.start()
    await t.svc.refreshIfDue()
    t.svc.stop()
    expect(requests).toEqual([])
    expect(t.last().caps).toEqual({})
    expect(t.last().status.source).toBe('manual')
  })

  it('fetches the watchlist assets once, caches them on disk and publishes them', async () => {
    const t = setup()
    t.svc.start()
    await t.svc.refreshIfDue()
    t.svc.stop()
    // watchlist bases BTC, OP, ETH plus the reference asset BTC, sorted; bare origin gets /api/v3
    expect(requests).toEqual([
      '/api/v3/coins/markets?vs_currency=usd&symbols=btc%2Ceth%2Cop&per_page=250&page=1',
    ])
    expect(t.last().caps).toEqual({ BTC: 1.3e12, ETH: 4.2e11, OP: 2e9 })
    expect(t.last().status).toMatchObject({ fetchedAtMs: T0, assets: ['BTC', 'ETH', 'OP'], lastError: null })
    const onDisk = JSON.parse(readFileSync(marketCapCachePath(t.dir), 'utf8'))
    expect(onDisk.fetchedAtMs).toBe(T0)
    expect(onDisk.caps.BTC.marketCapUsd).toBe(1.3e12)
  })

  it('refreshes at most every 6 h, and a restart uses the disk cache without asking', async () => {
    const t = setup()
    t.svc.start()
    await t.svc.refreshIfDue()
    t.clock.now = T0 + 6 * HOUR - 1
    await t.svc.refreshIfDue()
    expect(requests).toHaveLength(1)
    t.svc.stop()

    const again = setup({ dir: t.dir })
    again.clock.now = T0 + 5 * HOUR
    again.svc.start()
    await again.svc.refreshIfDue()
    expect(requests).toHaveLength(1)
    expect(again.last().caps).toEqual({ BTC: 1.3e12, ETH: 4.2e11, OP: 2e9 })
    again.clock.now = T0 + 6 * HOUR
    await again.svc.refreshIfDue()
    again.svc.stop()
    expect(requests).toHaveLength(2)
    expect(again.last().status.fetchedAtMs).toBe(T0 + 6 * HOUR)
  })

  it('keeps the cached values when a fetch fails, logs and notifies once, and says how old they are', async () => {
    // cached 7 h before T0: due for a refresh, not yet stale
    const t = await startFailing(cachedDir(T0 - 7 * HOUR, 'BTC', 'bitcoin', 1e12))
    expect(requests).toHaveLength(1)
    expect(t.last().caps).toEqual({ BTC: 1e12 })
    expect(t.last().status.lastError).toContain('HTTP 500')
    expect(t.notices).toEqual([
      {
        level: 'warning',
        // T0 - 7 h = 2024-12-01 05:00 UTC
        message: expect.stringContaining('Using the values fetched 2024-12-01 05:00 UTC (7 h old).'),
      },
    ])
    // a retry within 30 min is not made; after it, the failure repeats without a second log line or notice
    t.clock.now = T0 + 29 * 60_000
    await t.svc.refreshIfDue()
    expect(requests).toHaveLength(1)
    answer = 'http429'
    t.clock.now = T0 + 30 * 60_000
    await t.svc.refreshIfDue()
    t.svc.stop()
    expect(requests).toHaveLength(2)
    expect(t.last().status.lastError).toContain('HTTP 429')
    expect(t.last().status.lastError).toContain('Retry-After 60 s')
    expect(t.notices).toHaveLength(1)
    expect(t.logger.lines.filter((l) => l.msg === 'market caps: CoinGecko fetch failed')).toHaveLength(1)
    expect(t.last().caps).toEqual({ BTC: 1e12 })
  })

  it('still uses a stale cache and the notice says it is stale', async () => {
    const t = await startFailing(cachedDir(T0 - 30 * HOUR, 'ETH', 'ethereum', 4e11))
    t.svc.stop()
    expect(t.last().caps).toEqual({ ETH: 4e11 })
    // T0 - 30 h = 2024-11-30 06:00 UTC
    expect(t.notices[0]?.message).toContain('fetched 2024-11-30 06:00 UTC (30 h old, stale)')
  })

  it('without a cache a failed fetch leaves every asset to Settings (n/a otherwise)', async () => {
    const t = await startFailing()
    t.svc.stop()
    expect(t.last().caps).toEqual({})
    expect(t.notices[0]?.level).toBe('error')
    expect(t.notices[0]?.message).toContain('OI / market cap stays n/a')
  })

  it('switching the source to manual stops using fetched values; a new watchlist asset is fetched', async () => {
    const t = setup()
    t.svc.start()
    await t.svc.refreshIfDue()
    t.settings.marketCapSource = 'manual'
    t.svc.onSettingsChanged()
    expect(t.last().caps).toEqual({})
    t.settings.marketCapSource = 'coingecko'
    t.settings.watchlist = [...t.settings.watchlist, 'bybit:DOGE/USDT:USDT']
    t.clock.now = T0 + 31 * 60_000
    t.svc.onSettingsChanged()
    await t.svc.refreshIfDue()
    t.svc.stop()
    expect(requests[1]).toContain('symbols=btc%2Cdoge%2Ceth%2Cop')
    expect(t.last().caps.DOGE).toBe(1.5e10)
  })
})
