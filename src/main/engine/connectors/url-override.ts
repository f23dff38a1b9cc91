import type { VenueId } from '../../../shared/market-event'

/** Venues with overridable base URLs, as named in `RADAR_<VENUE>_REST_URL` / `RADAR_<VENUE>_WS_URL`. */
export type ConnectorVenue = Extract<VenueId, 'binanceusdm' | 'binance' | 'bybit' | 'okx'>

export const CONNECTOR_VENUES: readonly ConnectorVenue[] = ['binanceusdm', 'binance', 'bybit', 'okx']

export interface BaseUrlOverride {
  /** Origin such as `http://127.0.0.1:9000`; every REST URL keeps its path. */
  restUrl?: string
  /** Origin such as `ws://127.0.0.1:9000`; every WebSocket URL keeps its path. */
  wsUrl?: string
}

/** Reads `RADAR_<VENUE>_REST_URL` / `RADAR_<VENUE>_WS_URL`; settings take precedence over these. */
export function overrideFromEnv(
  venue: ConnectorVenue,
  env: NodeJS.ProcessEnv = process.env,
): BaseUrlOverride {
  const name = venue.toUpperCase()
  const out: BaseUrlOverride = {}
  const rest = env[`RADAR_${name}_REST_URL`]
  const ws = env[`RADAR_${name}_WS_URL`]
  if (rest) out.restUrl = rest
  if (ws) out.wsUrl = ws
  return out
}

/** Replaces scheme, host and port of `url` by `origin`'s, keeping path and query (and `{hostname}` paths). */
export function rewriteOrigin(url: string, origin: string): string {
  const m = /^[a-z]+:\/\/[^/]+(.*)$/i.exec(url)
  if (!m) return url
  return origin.replace(/\/+$/, '') + (m[1] ?? '')
}

/**
 * Rewrites every http(s) string in a ccxt `urls.api` tree to the REST origin and every ws(s) string to the
 * WebSocket origin; returns how many strings were rewritten.
 */
export function applyBaseUrlOverride(api: unknown, override: BaseUrlOverride): number {
  let n = 0
  const walk = (node: Record<string, unknown>): void => {
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string') {
        if (override.restUrl && /^https?:\/\//.test(v)) {
          node[k] = rewriteOrigin(v, override.restUrl)
          n++
        } else if (override.wsUrl && /^wss?:\/\//.test(v)) {
          node[k] = rewriteOrigin(v, override.wsUrl)
          n++
        }
      } else if (v && typeof v === 'object') walk(v as Record<string, unknown>)
    }
  }
  if (api && typeof api === 'object') walk(api as Record<string, unknown>)
  return n
}
