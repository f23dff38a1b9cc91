import type { TimedRing } from './timed-ring'
import { ringCreate, ringPush, ringShift, ringTs, ringVal } from './timed-ring'

/**
 * Mean and standard deviation over the samples of the last `windowMs` (and at most `cap` samples), kept as
 * running sums so a push costs O(1) amortized. The sums are rebuilt from the ring every `cap` pushes so
 * floating-point drift from add/subtract cannot accumulate over a long session.
 */
export interface RollingStats {
  ring: TimedRing
  windowMs: number
  sum: number
  sumSq: number
  pushesSinceRebuild: number
}

export function rollingCreate(cap: number, windowMs = Infinity): RollingStats {
  return { ring: ringCreate(cap), windowMs, sum: 0, sumSq: 0, pushesSinceRebuild: 0 }
}

function dropOldest(s: RollingStats): void {
  const v = ringVal(s.ring, 0)
  s.sum -= v
  s.sumSq -= v * v
  ringShift(s.ring)
}

/** Drops samples older than nowMs - windowMs. */
export function rollingEvict(s: RollingStats, nowMs: number): void {
  const minTs = nowMs - s.windowMs
  while (s.ring.size > 0 && ringTs(s.ring, 0) < minTs) dropOldest(s)
}

export function rollingPush(s: RollingStats, tsMs: number, v: number): void {
  rollingEvict(s, tsMs)
  if (s.ring.size === s.ring.cap) dropOldest(s)
  ringPush(s.ring, tsMs, v)
  s.sum += v
  s.sumSq += v * v
  if (++s.pushesSinceRebuild >= s.ring.cap) rollingRebuild(s)
}

function rollingRebuild(s: RollingStats): void {
  let sum = 0
  let sumSq = 0
  for (let i = 0; i < s.ring.size; i++) {
    const v = ringVal(s.ring, i)
    sum += v
    sumSq += v * v
  }
  s.sum = sum
  s.sumSq = sumSq
  s.pushesSinceRebuild = 0
}

export function rollingCount(s: RollingStats): number {
  return s.ring.size
}

export function rollingMean(s: RollingStats): number | null {
  return s.ring.size === 0 ? null : s.sum / s.ring.size
}

/** Sample standard deviation (n - 1); null below two samples. */
export function rollingStd(s: RollingStats): number | null {
  const n = s.ring.size
  if (n < 2) return null
  const varianceN = (s.sumSq - (s.sum * s.sum) / n) / (n - 1)
  return Math.sqrt(Math.max(0, varianceN))
}
