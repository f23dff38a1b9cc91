import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventChannel } from '../../shared/api'
import type { MarketSnapshot } from '../../shared/scoring/snapshot'
import { paceSnapshots } from './snapshot-pacer'

const snap = (key: string, lastPrice: number): MarketSnapshot =>
  ({ key, lastPrice }) as unknown as MarketSnapshot

describe('paceSnapshots', () => {
  let sent: { channel: EventChannel; payload: unknown; atMs: number }[]
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(0)
    sent = []
  })
  afterEach(() => vi.useRealTimers())

  // Budget 12 KiB/s: each market sent holds the next send back by exactly one second.
  const pacer = () =>
    paceSnapshots((channel, payload) => sent.push({ channel, payload, atMs: Date.now() }), 12 * 1024)

  it('sends at once, then merges what changes while it waits (newest state per market) and sends it after n markets × 12 KiB of budget', () => {
    const p = pacer()
    p.listener('snapshots', [snap('a', 1), snap('b', 1)])
    expect(sent).toHaveLength(1)
    p.listener('snapshots', [snap('a', 2)])
    p.listener('snapshots', [snap('a', 3), snap('c', 1)])
    vi.advanceTimersByTime(1999)
    expect(sent).toHaveLength(1) // two markets went first: 2 × 12 KiB at 12 KiB/s = 2 s
    vi.advanceTimersByTime(1)
    expect(sent).toHaveLength(2)
    expect(sent[1]!.atMs).toBe(2000)
    expect(sent[1]!.payload).toEqual([snap('a', 3), snap('c', 1)])
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
