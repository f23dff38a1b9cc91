import type { EventChannel, EventPayloads } from '../../shared/api'

type Forward = (channel: EventChannel, payload: EventPayloads[EventChannel]) => void
type MarketSnapshot = EventPayloads['snapshots'][number]

/**
 * About what a snapshot weighs on the wire, from its metric count (counting is far cheaper than serialising):
 * a full snapshot (73 metrics with their reasons) measures 11.7–13 KiB, a tier-1 one slimmed to its row's
 * 17 metrics 3.1 KiB, so ~160 bytes a metric and ~500 for the rest.
 */
const BYTES_PER_METRIC = 160
const BYTES_PER_SNAPSHOT = 500

export function snapshotBytes(s: MarketSnapshot): number {
  let n = 0
  for (const _ in s.metrics) n++
  return BYTES_PER_SNAPSHOT + n * BYTES_PER_METRIC
}

export interface PacerOptions {
  /** Batches sent and not yet taken by the window; the next waits (coalescing) while this many are out. */
  maxInFlight?: number
  /**
   * A batch not acknowledged within this long counts as taken: a window that never acknowledges (hidden,
   * an older client) still gets one coalesced batch this often, neither starved nor flooded.
   */
  ackTimeoutMs?: number
  /**
   * The safety net under the acknowledgements: estimated bytes a second, with one second's worth as a burst.
   * Far above what the worker sends (60 trade-fed markets ~7 MB/s), so it holds back only a runaway.
   */
  maxBytesPerSecond?: number
  now?: () => number
}

export const DEFAULT_PACER_OPTIONS: Required<Omit<PacerOptions, 'now'>> = {
  maxInFlight: 1,
  ackTimeoutMs: 1000,
  maxBytesPerSecond: 16 * 1024 * 1024,
}

export interface SnapshotPacer {
  listener: Forward
  /** The window (or pipe) has taken the oldest batch in flight: the next may go. */
  ack: () => void
  stop: () => void
}

/**
 * Flow control for the `snapshots` event on its way to a window. The scoring worker sends every changed
 * market up to ten times a second; a busy renderer cannot always take that. A batch goes at once when the
 * window is idle (nothing in flight); while one is in flight, markets that change again are merged (a
 * snapshot is the market's whole state, the newest wins), and the merged batch goes when the window
 * acknowledges the previous one. Under load batches grow and a market's delay stays about one of the
 * window's own processing turns, whatever the rate. An unacknowledged batch is written off after
 * `ackTimeoutMs`, and a byte ceiling holds back a runaway. An empty batch ("start afresh" after a source
 * change) drops what is pending and goes at once. Every other channel passes straight through.
 */
export function paceSnapshots(forward: Forward, options: PacerOptions = {}): SnapshotPacer {
  const { maxInFlight, ackTimeoutMs, maxBytesPerSecond } = { ...DEFAULT_PACER_OPTIONS, ...options }
  const now = options.now ?? Date.now
  const pending = new Map<string, MarketSnapshot>()
  /** Send times of the batches in flight, oldest first. */
  const inFlight: number[] = []
  let timer: ReturnType<typeof setTimeout> | null = null
  let tokens = maxBytesPerSecond
  let tokensAtMs = now()
  let stopped = false

  const refill = (): void => {
    const t = now()
    tokens = Math.min(maxBytesPerSecond, tokens + ((t - tokensAtMs) * maxBytesPerSecond) / 1000)
    tokensAtMs = t
  }
  const wake = (ms: number): void => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(
      () => {
        timer = null
        pump()
      },
      Math.max(1, Math.ceil(ms)),
    )
  }

  const pump = (): void => {
    if (stopped || pending.size === 0) return
    const t = now()
    while (inFlight.length > 0 && t - inFlight[0]! >= ackTimeoutMs) inFlight.shift()
    if (inFlight.length >= maxInFlight) return wake(inFlight[0]! + ackTimeoutMs - t)
    refill()
    if (tokens <= 0) return wake((-tokens * 1000) / maxBytesPerSecond)
    if (timer) clearTimeout(timer)
    timer = null
    const batch = [...pending.values()]
    pending.clear()
    for (const snap of batch) tokens -= snapshotBytes(snap)
    inFlight.push(t)
    forward('snapshots', batch)
  }

  const listener: Forward = (channel, payload) => {
    if (channel !== 'snapshots') return forward(channel, payload)
    const batch = payload as MarketSnapshot[]
    if (batch.length === 0) {
      pending.clear()
      // It goes whatever is in flight; it is acknowledged like any batch.
      inFlight.push(now())
      return forward(channel, batch)
    }
    for (const snap of batch) pending.set(snap.key, snap)
    pump()
  }

  const ack = (): void => {
    // An acknowledgement for a batch already written off releases the next one early: at most one extra.
    inFlight.shift()
    pump()
  }

  const stop = (): void => {
    stopped = true
    if (timer) clearTimeout(timer)
    timer = null
    pending.clear()
  }
  return { listener, ack, stop }
}
