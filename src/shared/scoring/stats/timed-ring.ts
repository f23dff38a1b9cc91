/**
 * Fixed-capacity ring of time-stamped samples with `width` numbers each, oldest first. Plain typed arrays so
 * the scoring state stays structured-clone safe (worker checkpoints). When full, a push drops the oldest:
 * every buffer in the engine is capped, so memory per market is bounded whatever the feed does.
 */
export interface TimedRing {
  cap: number
  width: number
  ts: Float64Array
  v: Float64Array
  /** Index of the oldest sample. */
  head: number
  size: number
}

export function ringCreate(cap: number, width = 1): TimedRing {
  if (!(cap >= 1)) throw new Error(`ring capacity must be ≥ 1, got ${cap}`)
  const c = Math.ceil(cap)
  return { cap: c, width, ts: new Float64Array(c), v: new Float64Array(c * width), head: 0, size: 0 }
}

function slot(r: TimedRing, i: number): number {
  const s = r.head + i
  return s >= r.cap ? s - r.cap : s
}

/** Appends a sample; returns false when the ring was full and the oldest sample was dropped. */
export function ringPush(r: TimedRing, tsMs: number, a: number, b = 0, c = 0): boolean {
  const full = r.size === r.cap
  if (full) ringShift(r)
  const s = slot(r, r.size)
  r.ts[s] = tsMs
  const o = s * r.width
  r.v[o] = a
  if (r.width > 1) r.v[o + 1] = b
  if (r.width > 2) r.v[o + 2] = c
  r.size++
  return !full
}

/** Removes the oldest sample. */
export function ringShift(r: TimedRing): void {
  if (r.size === 0) return
  r.head = r.head + 1 === r.cap ? 0 : r.head + 1
  r.size--
}

export function ringTs(r: TimedRing, i: number): number {
  return r.ts[slot(r, i)]!
}

export function ringVal(r: TimedRing, i: number, col = 0): number {
  return r.v[slot(r, i) * r.width + col]!
}

/** Overwrites a value of an existing sample (e.g. the still-open bar). */
export function ringSetVal(r: TimedRing, i: number, col: number, value: number): void {
  r.v[slot(r, i) * r.width + col] = value
}

export function ringLastTs(r: TimedRing): number | null {
  return r.size === 0 ? null : ringTs(r, r.size - 1)
}

export function ringFirstTs(r: TimedRing): number | null {
  return r.size === 0 ? null : ringTs(r, 0)
}

/** Index of the newest sample with ts ≤ tsMs, or -1. Binary search: O(log n). */
export function ringIndexAsOf(r: TimedRing, tsMs: number): number {
  let lo = 0
  let hi = r.size - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (ringTs(r, mid) <= tsMs) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}
