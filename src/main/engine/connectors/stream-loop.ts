import type { BackoffOptions } from './backoff'
import { backoffDelayMs, sleep } from './backoff'

export interface StreamLoopHandlers<T> {
  /** One ccxt watch call (resolves with the next update). */
  watch: () => Promise<T>
  onData: (value: T, receiveTsMs: number) => void
  /** The stream failed; it will be retried after `retryInMs`. */
  onError: (err: unknown, retryInMs: number) => void
  /** The stream delivers again after an outage that began at `downSinceMs` (receive time). */
  onRecovered: (downSinceMs: number, upAtMs: number) => void
}

/**
 * Keeps one subscription alive: watch, and after any failure wait an exponential backoff with jitter and
 * watch again (ccxt then opens a fresh connection and resubscribes). Runs until `stop()`.
 */
export class StreamLoop<T> {
  private running = false
  private done: Promise<void> = Promise.resolve()

  constructor(
    readonly name: string,
    private readonly h: StreamLoopHandlers<T>,
    private readonly backoff: BackoffOptions,
  ) {}

  start(): void {
    this.running = true
    this.done = this.run()
  }

  async stop(): Promise<void> {
    this.running = false
    await this.done
  }

  private async run(): Promise<void> {
    let attempt = 0
    let downSinceMs: number | null = null
    while (this.running) {
      try {
        const value = await this.h.watch()
        if (!this.running) return
        const now = Date.now()
        if (downSinceMs !== null) {
          this.h.onRecovered(downSinceMs, now)
          downSinceMs = null
        }
        attempt = 0
        this.h.onData(value, now)
      } catch (err) {
        if (!this.running) return
        downSinceMs ??= Date.now()
        const ms = backoffDelayMs(attempt++, this.backoff)
        this.h.onError(err, ms)
        await sleep(ms)
      }
    }
  }
}
