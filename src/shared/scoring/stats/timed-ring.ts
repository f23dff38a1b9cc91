/**
 * Capped ring of time-stamped samples with `width` numbers each, oldest first. Plain typed arrays so the
 * scoring state stays structured-clone safe (worker checkpoints). When full, a push drops the oldest: every
 * buffer in the engine is capped, so memory per market is bounded whatever the feed does.
 *
 * Storage grows with use: a ring starts with none, takes a few at its first push and grows by half (up to `cap`) when a push
 * finds it full, so a market that sees one funding print a day does not carry a day of minute bars' worth of zeros.
 * Only storage changes; the samples, their order and what drops out are the same as with `cap` slots.
 */
export interface TimedRing {
  /** Most samples the ring keeps. */
  cap: number
  width: number
  /** Slots allocated so far (ts.length, ≤ cap); slot indices wrap at this, not at `cap`. */
  ts: Float64Array
  v: Float64Array
  /** Slot of the oldest sample. */
  head: number
  size: number
}

/** Slots a ring allocates at its first push: one growth step covers a quiet market, a few a busy one. */
export const RING_INITIAL_SLOTS = 8

/**
 * Storage of every ring before its first push, shared: it is never written (a push grows the ring into new
 * arrays first), and a market holds a few dozen rings, most of which a universe-only market never fills.
 */
const NO_SLOTS = new Float64Array(0)

export function ringCreate(cap: number, width = 1): TimedRing {
  if (!(cap >= 1)) throw new Error(`ring capacity must be ≥ 1, got ${cap}`)
  return { cap: Math.ceil(cap), width, ts: NO_SLOTS, v: NO_SLOTS, head: 0, size: 0 }
}

function slot(r: TimedRing, i: number): number {
  const s = r.head + i
  const n = r.ts.length
  return s >= n ? s - n : s
}

/**
 * Grows the storage by half (at most to `cap`), laying the samples out oldest first from slot 0. By half
 * rather than doubling: a ring filled once and then steady (a day of OI, 90 days of funding) wastes at most
 * a third of its slots; the copies stay O(1) amortized per push.
 */
function grow(r: TimedRing): void {
  const n = r.ts.length
  const m = Math.min(r.cap, Math.max(RING_INITIAL_SLOTS, Math.ceil(n * 1.5)))
  const ts = new Float64Array(m)
  const v = new Float64Array(m * r.width)
  const firstRun = n - r.head // samples from head to the end of the old storage, then the wrapped ones
  ts.set(r.ts.subarray(r.head, n), 0)
  ts.set(r.ts.subarray(0, r.head), firstRun)
  v.set(r.v.subarray(r.head * r.width, n * r.width), 0)
  v.set(r.v.subarray(0, r.head * r.width), firstRun * r.width)
  r.ts = ts
  r.v = v
  r.head = 0
}

/** Appends a sample; returns false when the ring was full and the oldest sample was dropped. */
export function ringPush(r: TimedRing, tsMs: number, a: number, b = 0, c = 0): boolean {
  const full = r.size === r.cap
  if (full) ringShift(r)
  else if (r.size === r.ts.length) grow(r)
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
  r.head = r.head + 1 === r.ts.length ? 0 : r.head + 1
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
