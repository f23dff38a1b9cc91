import ccxt from 'ccxt'
import type { Exchange } from 'ccxt'
import type { BaseUrlOverride, ConnectorVenue } from './url-override'
import { applyBaseUrlOverride } from './url-override'

export interface ProbeResult {
  venue: ConnectorVenue
  /** The venue's REST API answered (a venue-shaped error counts: the server is there). */
  reachable: boolean
  /** Why it is not reachable, in one phrase ("getaddrinfo ENOTFOUND fapi.binance.com"); null when it is. */
  reason: string | null
  elapsedMs: number
}

/**
 * Asks one venue for its server time over REST (one light request, no market list), so launch can tell
 * "the venues answer" from "no network" without assuming either. A venue-shaped error (HTTP 4xx with the
 * venue's error body) still means the venue answered; only network errors and timeouts mean it did not.
 */
export async function probeVenue(
  venue: ConnectorVenue,
  override: BaseUrlOverride,
  timeoutMs = 6000,
): Promise<ProbeResult> {
  const started = Date.now()
  const Ctor = (ccxt as unknown as Record<string, new (cfg: Record<string, unknown>) => Exchange>)[venue]
  if (!Ctor) return { venue, reachable: false, reason: `ccxt has no exchange "${venue}"`, elapsedMs: 0 }
  const ex = new Ctor({ enableRateLimit: false, timeout: timeoutMs })
  applyBaseUrlOverride(ex.urls.api, override)
  const done = (reachable: boolean, reason: string | null): ProbeResult => ({
    venue,
    reachable,
    reason,
    elapsedMs: Date.now() - started,
  })
  try {
    await ex.fetchTime()
    return done(true, null)
  } catch (err) {
    if (err instanceof ccxt.NetworkError) return done(false, firstLine(err))
    if (err instanceof ccxt.ExchangeError || err instanceof ccxt.BadRequest) return done(true, null)
    return done(false, firstLine(err))
  }
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err)
  // ccxt prefixes "<venue> GET <url>": keep what went wrong, which is what a user can act on.
  const line = (msg.split('\n')[0] ?? msg).replace(/^\S+ (GET|POST) \S+ /, '').trim()
  return line.length > 160 ? `${line.slice(0, 157)}…` : line
}
