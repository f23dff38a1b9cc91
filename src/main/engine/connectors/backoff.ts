export interface BackoffOptions {
  baseMs: number
  maxMs: number
  /** Fraction of the delay drawn at random (0.5 = delay in [0.5 d, d]) so reconnecting clients spread out. */
  jitter: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000, jitter: 0.5 }

/** Delay before retry `attempt` (0-based): base * 2^attempt capped at max, minus up to `jitter` of it. */
export function backoffDelayMs(
  attempt: number,
  opts: BackoffOptions,
  random: () => number = Math.random,
): number {
  const full = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt))
  return Math.round(full * (1 - opts.jitter * random()))
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
