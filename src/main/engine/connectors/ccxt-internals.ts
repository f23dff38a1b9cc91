import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import ccxt from 'ccxt'
import type { Exchange } from 'ccxt'

/**
 * Every use of ccxt / ccxt.pro members that are not its documented API lives here, so a ccxt upgrade is
 * checked in one file: the WebSocket clients and their subscription / future maps, the book cache, the
 * message and REST-response hooks, the liquidation cache, and the implicit per-endpoint methods. Each was read
 * in ccxt CCXT_TESTED_VERSION; `ccxtVersionWarning` says when another version is loaded.
 */
export const CCXT_TESTED_VERSION = '4.5.84'

/**
 * The installed ccxt's version from its package.json: ccxt 4.5.84's ESM build reports `version` 4.5.83 (its
 * js/ccxt.js constant lags the package), so the module's own constant is only the fallback.
 */
export function installedCcxtVersion(): string {
  try {
    const req = createRequire(import.meta.url)
    let dir = dirname(req.resolve('ccxt'))
    for (let i = 0; i < 4; i++, dir = dirname(dir)) {
      const pkg = join(dir, 'package.json')
      if (!existsSync(pkg)) continue
      const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string }
      if (parsed.name === 'ccxt' && parsed.version) return parsed.version
    }
  } catch {
    // fall through to the module's constant
  }
  return (ccxt as unknown as { version: string }).version
}

/** A sentence for the log when the loaded ccxt is not the version these internals were read in; else null. */
export function ccxtVersionWarning(loaded: string = installedCcxtVersion()): string | null {
  return loaded === CCXT_TESTED_VERSION
    ? null
    : `ccxt ${loaded} is loaded; the connectors' use of its internals was checked against ${CCXT_TESTED_VERSION}: ` +
        'run the connector tests (test/unit/connectors) before trusting book resyncs, watchdogs and frame checks'
}

/** One ccxt.pro WebSocket client (base `Client`): its URL, pending futures and subscriptions by message hash. */
export interface ProClient {
  url: string
  subscriptions: Record<string, unknown>
  futures?: Record<string, unknown>
  connection?: { readyState?: number; terminate?: () => void }
  reject(e: Error, hash: string): void
  onError(e: Error): void
}

interface ProInternals {
  clients?: Record<string, ProClient>
  orderbooks?: Record<string, unknown>
  liquidations?: unknown
}

const internals = (ex: Exchange): ProInternals => ex as unknown as ProInternals

/** The exchange's open and opening WebSocket clients by URL. */
export function wsClients(ex: Exchange): Record<string, ProClient> {
  return internals(ex).clients ?? {}
}

/** Drops ccxt.pro's cached book of `symbol`, so the next snapshot starts it afresh. */
export function dropCachedBook(ex: Exchange, symbol: string): void {
  const books = internals(ex).orderbooks
  if (books) delete books[symbol]
}

/** Bybit's liquidation cache (ccxt keeps every entry of a push there, while the watch resolves only one). */
export function liquidationCache<T>(ex: Exchange): T | undefined {
  return internals(ex).liquidations as T | undefined
}

/**
 * Wraps the exchange's WebSocket message handler: `inspect` sees every frame first and returns whether ccxt
 * should parse it.
 */
export function hookMessages(ex: Exchange, inspect: (clientUrl: string, message: unknown) => boolean): void {
  const exAny = ex as unknown as Record<string, unknown>
  const handleMessage = (exAny.handleMessage as (c: { url: string }, m: unknown) => unknown).bind(ex)
  exAny.handleMessage = (client: { url: string }, message: unknown): unknown =>
    inspect(client.url, message) ? handleMessage(client, message) : undefined
}

/** Wraps the exchange's REST response hook: `onResponse` sees the HTTP status and headers of every response. */
export function hookRestResponses(
  ex: Exchange,
  onResponse: (status: number, headers: Record<string, unknown> | undefined) => void,
): void {
  const exAny = ex as unknown as Record<string, unknown>
  const onRestResponse = (exAny.onRestResponse as (...a: unknown[]) => unknown).bind(ex)
  exAny.onRestResponse = (status: number, ...rest: unknown[]): unknown => {
    // ccxt 4.5.84 calls onRestResponse(statusCode, statusText, url, method, responseHeaders, ...).
    onResponse(status, rest[3] as Record<string, unknown> | undefined)
    return onRestResponse(status, ...rest)
  }
}

/** ccxt.pro refuses plain ws:// (a local emulator) until its proxy agent is loaded. */
export async function allowPlainWs(ex: Exchange): Promise<void> {
  await (ex as unknown as { loadHttpProxyAgent(): Promise<void> }).loadHttpProxyAgent()
}

/** An implicit endpoint method (e.g. `fapiDataGetOpenInterestHist`), bound; throws naming it when absent. */
export function implicitApi<P, R = unknown>(ex: Exchange, method: string): (params: P) => Promise<R> {
  const fn = (ex as unknown as Record<string, ((p: P) => Promise<R>) | undefined>)[method]
  if (typeof fn !== 'function') throw new Error(`ccxt ${ex.id} has no ${method}`)
  return fn.bind(ex)
}

/** A watch method ccxt's typings do not declare on the base class for every venue (watchMarkPrice, …). */
export function watchMethod<A extends unknown[]>(
  ex: Exchange,
  method: string,
): (...args: A) => Promise<unknown> {
  return implicitApi(ex, method) as unknown as (...args: A) => Promise<unknown>
}
