import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventChannel } from '../../shared/api'
import type { MarketSnapshot } from '../../shared/scoring/snapshot'
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

  // Budget 2,100 bytes/s: each 10-metric market sent holds the next send back by exactly one second.
  const pacer = () =>
    paceSnapshots((channel, payload) => sent.push({ channel, payload, atMs: Date.now() }), 2100)

  it('sends at once, then merges what changes while it waits (newest state per market) and sends it after the sent markets’ bytes at the budget', () => {
    const p = pacer()
    p.listener('snapshots', [snap('a', 1), snap('b', 1)])
    expect(sent).toHaveLength(1)
    p.listener('snapshots', [snap('a', 2)])
    p.listener('snapshots', [snap('a', 3), snap('c', 1)])
    vi.advanceTimersByTime(1999)
    expect(sent).toHaveLength(1) // two markets went first: 2 × 2,100 bytes at 2,100 bytes/s = 2 s
    vi.advanceTimersByTime(1)
    expect(sent).toHaveLength(2)
    expect(sent[1]!.atMs).toBe(2000)
    expect(sent[1]!.payload).toEqual([snap('a', 3), snap('c', 1)])
  })

  it('weighs a snapshot by its metrics: a tier-1 one slimmed to 17 metrics holds the next send back 3,220 / 12,180 as long as a full one of 73', () => {
    const waitAfter = (metricCount: number): number => {
      sent = []
      vi.setSystemTime(0)
      const p = paceSnapshots((channel, payload) => sent.push({ channel, payload, atMs: Date.now() }), 1000)
      p.listener('snapshots', [snap('a', 1, metricCount)])
      p.listener('snapshots', [snap('a', 2, metricCount)])
      vi.advanceTimersByTime(60_000)
      p.stop()
      return sent[1]!.atMs
    }
    expect(waitAfter(73)).toBe(12_180) // 500 + 73 × 160 bytes at 1,000 bytes/s
    expect(waitAfter(17)).toBe(3_220) // 500 + 17 × 160
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
    vi.advanceTimersByTime(10_000)
    expect(sent.map((s) => s.payload)).toEqual([[snap('a', 1)], []])
    p.listener('snapshots', [snap('new', 1)])
    expect(sent).toHaveLength(3)
  })

  it('stop cancels a pending send', () => {
    const p = pacer()
    p.listener('snapshots', [snap('a', 1)])
    p.listener('snapshots', [snap('a', 2)])
    p.stop()
    vi.advanceTimersByTime(10_000)
    expect(sent).toHaveLength(1)
  })
})
