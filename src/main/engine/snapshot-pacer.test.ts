import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventChannel } from '../../shared/api'
import type { MarketSnapshot } from '../../shared/scoring/snapshot'
import type { PacerOptions } from './snapshot-pacer'
import { paceSnapshots } from './snapshot-pacer'

/** A snapshot with `metricCount` metrics: 500 + 160 × 10 = 2,100 estimated bytes by default. */
const snap = (key: string, lastPrice: number, metricCount = 10): MarketSnapshot =>
  ({
    key,
    lastPrice,
    metrics: Object.fromEntries(Array.from({ length: metricCount }, (_, i) => [`m${i}`, { value: i }])),
  }) as unknown as MarketSnapshot

describe('paceSnapshots', () => {
  let sent: { channel: EventChannel; payload: unknown; atMs: number }[]
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(0)
    sent = []
  })
  afterEach(() => vi.useRealTimers())

  const pacer = (options: PacerOptions = {}) =>
    paceSnapshots((channel, payload) => sent.push({ channel, payload, atMs: Date.now() }), options)

  it('sends at once when nothing is in flight, and again at once after each acknowledgement', () => {
    const p = pacer()
    p.listener('snapshots', [snap('a', 1)])
    expect(sent).toHaveLength(1)
    p.ack()
    vi.advanceTimersByTime(3)
    p.listener('snapshots', [snap('a', 2)])
    expect(sent.map((s) => s.atMs)).toEqual([0, 3])
  })

  it('while a batch is in flight merges what changes (newest per market) and sends it the moment the window acknowledges', () => {
    const p = pacer()
    p.listener('snapshots', [snap('a', 1), snap('b', 1)])
    p.listener('snapshots', [snap('a', 2)])
    vi.advanceTimersByTime(40)
    p.listener('snapshots', [snap('a', 3), snap('c', 1)])
    vi.advanceTimersByTime(30)
    expect(sent).toHaveLength(1) // still in flight: nothing more goes
    p.ack() // the window took the first batch after 70 ms
    expect(sent).toHaveLength(2)
    expect(sent[1]!.atMs).toBe(70)
    expect(sent[1]!.payload).toEqual([snap('a', 3), snap('c', 1)])
  })

  it('keeps at most maxInFlight batches out', () => {
    const p = pacer({ maxInFlight: 2 })
    p.listener('snapshots', [snap('a', 1)])
    p.listener('snapshots', [snap('a', 2)])
    p.listener('snapshots', [snap('a', 3)])
    p.listener('snapshots', [snap('a', 4)])
    expect(sent.map((s) => s.payload)).toEqual([[snap('a', 1)], [snap('a', 2)]])
    p.ack()
    expect(sent.map((s) => s.payload)).toEqual([[snap('a', 1)], [snap('a', 2)], [snap('a', 4)]])
  })

  it('a window that never acknowledges gets one merged batch per ack timeout: neither starved nor flooded', () => {
    const p = pacer({ ackTimeoutMs: 1000 })
    // The worker's cadence: a change every 100 ms for 3.5 s, never an acknowledgement.
    for (let i = 0; i < 35; i++) {
      p.listener('snapshots', [snap('a', i)])
      vi.advanceTimersByTime(100)
    }
    expect(sent.map((s) => s.atMs)).toEqual([0, 1000, 2000, 3000])
    // Each send carries the newest state at its time: i = 9 was the last before 1,000 ms.
    expect(sent.map((s) => (s.payload as MarketSnapshot[])[0]!.lastPrice)).toEqual([0, 9, 19, 29])
  })

  it('holds back a runaway at the byte ceiling (one second’s worth as a burst), even when the window acknowledges at once', () => {
    // 2,100 bytes a snapshot, a ceiling of 4,200 bytes/s: two batches pass, the third waits for the bucket.
    const p = pacer({ maxBytesPerSecond: 4200 })
    p.listener('snapshots', [snap('a', 1)])
    p.ack()
    p.listener('snapshots', [snap('a', 2)])
    p.ack()
    p.listener('snapshots', [snap('a', 3)])
    expect(sent).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(sent).toHaveLength(3) // 1 ms refills 4.2 bytes: the bucket is positive again
    p.ack()
    p.listener('snapshots', [snap('a', 4)])
    vi.advanceTimersByTime(499)
    expect(sent).toHaveLength(3) // 2,100 − 4.2 bytes in debt: 499 ms refills 2,095.8
    vi.advanceTimersByTime(1)
    expect(sent).toHaveLength(4)
    expect(sent[3]!.atMs).toBe(501)
  })

  it('passes other channels straight through while snapshots wait', () => {
    const p = pacer()
    p.listener('snapshots', [snap('a', 1)])
    p.listener('snapshots', [snap('a', 2)])
    p.listener('notice', { level: 'info', message: 'x', atMs: 0 })
    expect(sent.map((s) => s.channel)).toEqual(['snapshots', 'notice'])
  })

  it('an empty batch (start afresh) drops what is pending and goes at once, so no old market comes back after it', () => {
    const p = pacer()
    p.listener('snapshots', [snap('a', 1)])
    p.listener('snapshots', [snap('old', 1)])
    p.listener('snapshots', [])
    expect(sent.map((s) => s.payload)).toEqual([[snap('a', 1)], []])
    p.ack()
    p.ack()
    vi.advanceTimersByTime(10_000)
    expect(sent).toHaveLength(2)
    p.listener('snapshots', [snap('new', 1)])
    expect(sent).toHaveLength(3)
  })

  it('stop cancels a pending send', () => {
    const p = pacer()
    p.listener('snapshots', [snap('a', 1)])
    p.listener('snapshots', [snap('a', 2)])
    p.stop()
    p.ack()
    vi.advanceTimersByTime(10_000)
    expect(sent).toHaveLength(1)
  })
})
