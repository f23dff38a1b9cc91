import ccxt from 'ccxt'
import type { BackoffOptions } from './backoff'
import { backoffDelayMs, sleep } from './backoff'

export interface RestBudgetOptions {
  /** Requests of this venue in flight at once (ccxt's own throttler spaces them by its rateLimit). */
  concurrency: number
  backoff: BackoffOptions
  maxRetries: number
}

export const DEFAULT_REST_BUDGET: RestBudgetOptions = {
  concurrency: 2,
  backoff: { baseMs: 1000, maxMs: 60_000, jitter: 0.3 },
  maxRetries: 4,
}

/** Reads `Retry-After` (seconds or an HTTP date) from a header map of any case. */
export function retryAfterMs(headers: Record<string, unknown> | undefined, nowMs: number): number | null {
  if (!headers) return null
  const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')
  const v = entry?.[1]
  if (v === undefined || v === null) return null
  const secs = Number(v)
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000)
  const at = Date.parse(String(v))
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null
}

/**
 * One venue's REST budget, shared by its pollers and backfills. A 429/418 pauses this venue (not others)
 * for as long as the venue asked in Retry-After, or an exponential backoff when it did not say; 5xx and
 * network errors back off and retry; other errors go to the caller.
 */
export class RestBudget {
  private inFlight = 0
  private readonly waiters: (() => void)[] = []
  pausedUntilMs = 0
  /** Set by the exchange's error hook just before ccxt throws for a 429/418/5xx. */
  lastRetryAfterMs: number | null = null
  /** HTTP status of the newest response (ccxt maps some venues' 5xx bodies to non-transient classes). */
  lastHttpStatus: number | null = null
  readonly counts = { requests: 0, rateLimited: 0, serverErrors: 0, retries: 0 }

  constructor(
    private readonly opts: RestBudgetOptions = DEFAULT_REST_BUDGET,
    private readonly onPause: (ms: number, why: string) => void = () => {},
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.acquire()
      try {
        const wait = this.pausedUntilMs - Date.now()
        if (wait > 0) await sleep(wait)
        this.counts.requests++
        this.lastRetryAfterMs = null
        this.lastHttpStatus = null
        return await fn()
      } catch (err) {
        const status = this.lastHttpStatus ?? 0
        const limited =
          err instanceof ccxt.RateLimitExceeded ||
          err instanceof ccxt.DDoSProtection ||
          status === 429 ||
          status === 418
        const transient =
          err instanceof ccxt.ExchangeNotAvailable || err instanceof ccxt.NetworkError || status >= 500
        if ((!limited && !transient) || attempt >= this.opts.maxRetries) throw err
        this.counts.retries++
        if (limited) this.counts.rateLimited++
        else this.counts.serverErrors++
        const asked = limited ? this.lastRetryAfterMs : null
        const ms = asked ?? backoffDelayMs(attempt, this.opts.backoff)
        this.pausedUntilMs = Math.max(this.pausedUntilMs, Date.now() + ms)
        this.onPause(
          ms,
          limited ? `rate limited (HTTP 429/418), retry after ${ms} ms` : `server error, retry in ${ms} ms`,
        )
      } finally {
        this.release()
      }
    }
  }

  private async acquire(): Promise<void> {
    if (this.inFlight < this.opts.concurrency) {
      this.inFlight++
      return
    }
    await new Promise<void>((r) => this.waiters.push(r))
    this.inFlight++
  }

  private release(): void {
    this.inFlight--
    this.waiters.shift()?.()
  }
}
