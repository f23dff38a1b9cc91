import { describe, expect, it } from 'vitest'
import type { FlushTimers } from './adaptive-flush'
import { AdaptiveFlush } from './adaptive-flush'

/** A hand-driven clock: `soon` callbacks run on `drain`, `later` ones when the clock passes their time. */
class ManualTimers implements FlushTimers {
  t = 0
  private queue: (() => void)[] = []
  private timed: { at: number; fn: () => void }[] = []
  now = (): number => this.t
  soon = (fn: () => void): void => void this.queue.push(fn)
  later = (fn: () => void, ms: number): void => void this.timed.push({ at: this.t + ms, fn })
  drain(): void {
    const q = this.queue
    this.queue = []
    for (const fn of q) fn()
  }
  advance(ms: number): void {
    const end = this.t + ms
    for (;;) {
      this.timed.sort((a, b) => a.at - b.at)
      const next = this.timed[0]
      if (!next || next.at > end) break
      this.timed.shift()
      this.t = next.at
      next.fn()
    }
    this.t = end
  }
}

function setup(flushCostMs = 0) {
  const timers = new ManualTimers()
  const flushedAt: number[] = []
  const f = new AdaptiveFlush(
    () => {
      flushedAt.push(timers.t)
      timers.t += flushCostMs // the flush itself takes time on the clock
    },
    { minWindowMs: 20, maxWindowMs: 100, timers },
  )
  return { timers, flushedAt, f }
}

describe('adaptive flush', () => {
  it('flushes at once after a quiet spell (10 updates/s: no update waits for a window)', () => {
    const { timers, flushedAt, f } = setup()
    for (let i = 0; i < 10; i++) {
      f.changed()
      timers.drain()
      timers.advance(100)
    }
    expect(flushedAt).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900])
  })

  it('coalesces changes under load into one flush per window', () => {
    const { timers, flushedAt, f } = setup()
    // A change every millisecond for 100 ms: the first flushes at once, the rest every 20 ms.
    for (let i = 0; i < 100; i++) {
      f.changed()
      timers.drain()
      timers.advance(1)
    }
    timers.advance(100)
    expect(flushedAt).toEqual([0, 20, 40, 60, 80, 100])
  })

  it('widens the window with the cost of a flush, never beyond 100 ms', () => {
    const { timers, flushedAt, f } = setup(5)
    f.changed()
    timers.drain() // flush at 0 takes 5 ms: window = 5 / 0.1 = 50 ms
    expect(f.currentWindowMs()).toBe(50)
    f.changed()
    timers.advance(60) // due 50 ms after the first flush ended at 5
    expect(flushedAt).toEqual([0, 55])
    const slow = setup(30)
    slow.f.changed()
    slow.timers.drain()
    expect(slow.f.currentWindowMs()).toBe(100) // 30 / 0.1 = 300, capped
  })

  it('refuses a window range that cannot hold', () => {
    expect(() => new AdaptiveFlush(() => {}, { minWindowMs: 50, maxWindowMs: 10 })).toThrow(
      /minWindowMs ≤ maxWindowMs/,
    )
  })
})
