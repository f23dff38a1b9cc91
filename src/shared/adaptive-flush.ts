/**
 * When the scoring worker sends what changed: at once when the pipe has been idle, coalesced under load.
 *
 * A fixed 100 ms batch made every update wait up to 100 ms even when one arrived per second. Here the first
 * change after a quiet spell is flushed as soon as the current run of queued messages has been handled, and
 * later changes wait for a window that grows with what a flush costs (ten times its last duration, between
 * `minWindowMs` and `maxWindowMs`): flushing then takes at most about a tenth of the thread, and no change
 * waits longer than `maxWindowMs`.
 */
export interface FlushTimers {
  now(): number
  /** Runs fn after the messages already queued (setImmediate in Node). */
  soon(fn: () => void): void
  later(fn: () => void, ms: number): void
}

// src/shared is typed without Node's globals; setImmediate exists in Node and workers, not in browsers.
const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate

export const NODE_FLUSH_TIMERS: FlushTimers = {
  now: () => performance.now(),
  soon: (fn) => void (immediate ? immediate(fn) : setTimeout(fn, 0)),
  later: (fn, ms) => void setTimeout(fn, ms),
}

export interface AdaptiveFlushOptions {
  minWindowMs?: number
  maxWindowMs?: number
  timers?: FlushTimers
}

/** Flush share of the thread the window aims at: window = cost / share. */
const FLUSH_SHARE = 0.1

export class AdaptiveFlush {
  private readonly minMs: number
  private readonly maxMs: number
  private readonly timers: FlushTimers
  private scheduled = false
  private lastFlushAtMs = -Infinity
  private windowMs: number

  constructor(
    private readonly flush: () => void,
    opts: AdaptiveFlushOptions = {},
  ) {
    this.minMs = opts.minWindowMs ?? 20
    this.maxMs = opts.maxWindowMs ?? 100
    if (!(this.minMs >= 0 && this.maxMs >= this.minMs))
      throw new Error(`adaptive flush: need 0 ≤ minWindowMs ≤ maxWindowMs, got ${this.minMs}, ${this.maxMs}`)
    this.timers = opts.timers ?? NODE_FLUSH_TIMERS
    this.windowMs = this.minMs
  }

  /** Something changed: make sure a flush follows, at once if idle, else within the current window. */
  changed(): void {
    if (this.scheduled) return
    this.scheduled = true
    const since = this.timers.now() - this.lastFlushAtMs
    if (since >= this.windowMs) this.timers.soon(() => this.run())
    else this.timers.later(() => this.run(), this.windowMs - since)
  }

  /** The window a change may wait now (for tests and figures). */
  currentWindowMs(): number {
    return this.windowMs
  }

  private run(): void {
    this.scheduled = false
    const t0 = this.timers.now()
    this.flush()
    const t1 = this.timers.now()
    this.lastFlushAtMs = t1
    this.windowMs = Math.min(this.maxMs, Math.max(this.minMs, (t1 - t0) / FLUSH_SHARE))
  }
}
