import type { TimedRing } from './timed-ring'
import { ringCreate, ringPush, ringTs, ringVal } from './timed-ring'

/**
 * Rolling maximum over a time window by the monotonic-deque trick: values that can never be the maximum again
 * (an older value ≤ a newer one) are dropped on push, so push and query are O(1) amortized. Stored in a
 * ring whose slots are used as a deque (front = oldest candidate, back = newest).
 */
export interface MaxDeque {
  ring: TimedRing
  windowMs: number
}

export function maxDequeCreate(cap: number, windowMs: number): MaxDeque {
  return { ring: ringCreate(cap), windowMs }
}

function popBack(d: MaxDeque): void {
  d.ring.size--
}

function popFront(d: MaxDeque): void {
  const r = d.ring
  r.head = r.head + 1 === r.ts.length ? 0 : r.head + 1
  r.size--
}

export function maxDequePush(d: MaxDeque, tsMs: number, v: number): void {
  const r = d.ring
  while (r.size > 0 && ringVal(r, r.size - 1) <= v) popBack(d)
  ringPush(r, tsMs, v)
  maxDequeEvict(d, tsMs)
}

export function maxDequeEvict(d: MaxDeque, nowMs: number): void {
  const minTs = nowMs - d.windowMs
  while (d.ring.size > 0 && ringTs(d.ring, 0) < minTs) popFront(d)
}

/** Maximum of the samples within the window ending at nowMs, or null if none. Read-only. */
export function maxDequeMax(d: MaxDeque, nowMs: number): number | null {
  const minTs = nowMs - d.windowMs
  for (let i = 0; i < d.ring.size; i++) if (ringTs(d.ring, i) >= minTs) return ringVal(d.ring, i)
  return null
}
