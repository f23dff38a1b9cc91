import ccxt from 'ccxt'
import type { Exchange } from 'ccxt'
import type { FrameGuard, FrameVerdict } from './frame-guard'
import type { RestBudget } from './rest-budget'
import { retryAfterMs } from './rest-budget'
import type { BaseUrlOverride, ConnectorVenue } from './url-override'
import { applyBaseUrlOverride } from './url-override'
import { allowPlainWs, hookMessages, hookRestResponses } from './ccxt-internals'

/** Market types each ccxt class loads: only what the radar reads, so start-up asks for no more than that. */
const VENUE_OPTIONS: Record<ConnectorVenue, Record<string, unknown>> = {
  binanceusdm: { watchTradesForSymbols: { name: 'trade' } },
  binance: { fetchMarkets: { types: ['spot'] }, watchTradesForSymbols: { name: 'trade' } },
  bybit: { fetchMarkets: { types: ['spot', 'linear'] } },
  okx: { fetchMarkets: { types: ['spot', 'swap'] } },
}

export interface ExchangeHooks {
  guard: FrameGuard
  budget: RestBudget
  /** Every frame that reached ccxt or was judged, by client URL (the watchdog reads it). */
  onFrame: (url: string, verdict: FrameVerdict) => void
}

/**
 * A ccxt.pro exchange for one venue with base-URL overrides applied and two hooks: every WebSocket frame
 * passes the frame guard before ccxt parses it, and every REST response's Retry-After reaches the budget.
 */
export async function createExchange(
  venue: ConnectorVenue,
  override: BaseUrlOverride,
  hooks: ExchangeHooks,
): Promise<Exchange> {
  const Ctor = (ccxt.pro as unknown as Record<string, new (cfg: Record<string, unknown>) => Exchange>)[venue]
  if (!Ctor) throw new Error(`ccxt.pro has no exchange "${venue}"`)
  const ex = new Ctor({ enableRateLimit: true, options: VENUE_OPTIONS[venue] })
  applyBaseUrlOverride(ex.urls.api, override)
  if (override.wsUrl?.startsWith('ws://')) await allowPlainWs(ex)
  hookMessages(ex, (url, message) => {
    const verdict = hooks.guard.inspect(url, message)
    hooks.onFrame(url, verdict)
    return verdict === 'ok' || verdict === 'seqGap'
  })
  hookRestResponses(ex, (status, headers) => {
    hooks.budget.lastHttpStatus = status
    if (status === 429 || status === 418 || status >= 500) {
      hooks.budget.lastRetryAfterMs = retryAfterMs(headers, Date.now())
    }
  })
  return ex
}
