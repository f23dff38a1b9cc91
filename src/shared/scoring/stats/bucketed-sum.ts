/**
 * Sum of values over a sliding time window kept in `n` fixed-width buckets (a ring indexed by absolute bucket
 * number). O(1) amortized per add and bounded memory whatever the event rate; the window edge has the
 * resolution of one bucket (windowMs / n), which is documented with the metrics that use it.
 */
export interface BucketedSum {
  bucketMs: number
  n: number
  /** Allocated at the first add (empty until then): most markets never see most kinds of event. */
  sums: Float64Array
  /** Absolute bucket number each slot holds (-1 = empty). */
  ids: Float64Array
  total: number
  lastId: number
}

/** Storage of every sum before its first add, shared and never written (an add allocates first). */
const NO_BUCKETS = new Float64Array(0)

export function bucketedCreate(windowMs: number, n = 60): BucketedSum {
  return {
    bucketMs: windowMs / n,
    n,
    sums: NO_BUCKETS,
    ids: NO_BUCKETS,
    total: 0,
    lastId: -1,
  }
}

function advance(b: BucketedSum, id: number): void {
  if (id <= b.lastId) return
  const from = Math.max(b.lastId + 1, id - b.n + 1)
  for (let k = from; k <= id; k++) {
    const s = k % b.n
    b.total -= b.sums[s]!
    b.sums[s] = 0
    b.ids[s] = k
  }
  if (id - b.lastId >= b.n) b.total = 0 // every slot was replaced: drop accumulated rounding
  b.lastId = id
}

export function bucketedAdd(b: BucketedSum, tsMs: number, v: number): void {
  if (b.sums.length === 0) {
    b.sums = new Float64Array(b.n)
    b.ids = new Float64Array(b.n).fill(-1)
  }
  const id = Math.floor(tsMs / b.bucketMs)
  advance(b, id)
  // A late sample lands in its own bucket if that bucket is still in the window; older ones are dropped.
  const target = id < b.lastId - b.n + 1 ? -1 : id
  if (target < 0) return
  const s = target % b.n
  if (b.ids[s] !== target) return
  b.sums[s] = b.sums[s]! + v
  b.total += v
}

/** Sum over the window ending at nowMs, without mutating the state. */
export function bucketedSum(b: BucketedSum, nowMs: number): number {
  const id = Math.floor(nowMs / b.bucketMs)
  if (id <= b.lastId) return b.total
  if (id - b.lastId >= b.n) return 0
  let total = b.total
  for (let k = b.lastId + 1; k <= id; k++) {
    const s = k % b.n
    if (b.ids[s] === k - b.n) total -= b.sums[s]!
  }
  return total
}
