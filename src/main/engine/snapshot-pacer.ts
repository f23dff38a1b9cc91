import type { EventChannel, EventPayloads } from '../../shared/api'

type Forward = (channel: EventChannel, payload: EventPayloads[EventChannel]) => void
type MarketSnapshot = EventPayloads['snapshots'][number]

/**
 * About what one market's snapshot weighs on the wire (every metric with its reason): measured at 12–13 KiB
 * on a live Binance perp.
 */
const BYTES_PER_MARKET = 12 * 1024
/** What a window or browser tab is asked to parse each second: a loaded machine's renderer keeps up with it. */
const DEFAULT_BYTES_PER_SECOND = 1024 * 1024

export interface SnapshotPacer {
  listener: Forward
  stop: () => void
}

/**
 * Paces the `snapshots` event on its way to a window. The scoring worker sends every changed market up to ten
 * times a second; with a hundred live markets that is ~10 MB/s of JSON, more than a busy renderer parses, and a
 * browser tab that falls 16 MiB behind is dropped by the server. A snapshot is the market's whole state, so
 * markets that change again before the next send are merged (the newest wins) and nothing is lost but
 * intermediate states. After a send of n markets the next waits n × 12 KiB / budget: two markets wait 24 ms
 * (no delay at the worker's cadence), a hundred wait 1.2 s. An empty batch ("start afresh" after a source
 * change) drops what is pending and goes at once. Every other channel passes straight through.
 */
export function paceSnapshots(
  forward: Forward,
  bytesPerSecond = DEFAULT_BYTES_PER_SECOND,
  now: () => number = Date.now,
): SnapshotPacer {
  const pending = new Map<string, MarketSnapshot>()
  let timer: ReturnType<typeof setTimeout> | null = null
  let nextAtMs = 0

  const flush = (): void => {
    timer = null
    if (pending.size === 0) return
    const batch = [...pending.values()]
    pending.clear()
    nextAtMs = now() + (batch.length * BYTES_PER_MARKET * 1000) / bytesPerSecond
    forward('snapshots', batch)
  }

  const listener: Forward = (channel, payload) => {
    if (channel !== 'snapshots') return forward(channel, payload)
    const batch = payload as MarketSnapshot[]
    if (batch.length === 0) {
      pending.clear()
      if (timer) clearTimeout(timer)
      timer = null
      nextAtMs = 0
      return forward(channel, batch)
    }
    for (const snap of batch) pending.set(snap.key, snap)
    if (timer) return
    const waitMs = nextAtMs - now()
    if (waitMs <= 0) flush()
    else timer = setTimeout(flush, waitMs)
  }

  const stop = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
    pending.clear()
  }
  return { listener, stop }
}
