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
 * intermediate states. After a send the next waits its estimated bytes / budget: two full snapshots wait 24 ms
 * (no delay at the worker's cadence), a hundred 1.2 s, a hundred slim tier-1 ones 0.3 s. An empty batch ("start afresh" after a source
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
    let bytes = 0
    for (const snap of batch) bytes += snapshotBytes(snap)
    nextAtMs = now() + (bytes * 1000) / bytesPerSecond
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
