import type { EvidenceInterval, RocPoint } from '../contract/evidence'

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054

/**
 * Wilson score interval for k successes in n trials (Wilson 1927). Unlike the normal approximation it stays
 * inside [0, 1] and is usable for the small counts an evidence report mostly has; null for n = 0.
 * Non-integer k and n are accepted (effective sample sizes).
 */
export function wilsonInterval(k: number, n: number, z = Z95): EvidenceInterval | null {
  if (!(n > 0)) return null
  const p = k / n
  const z2 = z * z
  const denom = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denom
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) }
}

/** Linear-interpolated quantile (type 7, as R and numpy default) of values sorted ascending. */
export function quantileSorted(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}

export interface RocResult {
  auc: number | null
  points: RocPoint[]
}

/**
 * ROC curve and its area for a score against a 0/1 outcome. AUC is the Mann–Whitney probability that a
 * positive outscores a negative, ties counting one half, so a score unrelated to the outcome sits near 0.5.
 * The curve is thinned to at most `maxPoints` points (the area is computed on the full curve).
 */
export function rocAuc(scores: readonly number[], positive: readonly boolean[], maxPoints = 51): RocResult {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!)
  let pos = 0
  for (const p of positive) if (p) pos++
  const neg = positive.length - pos
  if (pos === 0 || neg === 0) return { auc: null, points: [] }
  const full: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: null }]
  let tp = 0
  let fp = 0
  let area = 0
  for (let i = 0; i < idx.length;) {
    const s = scores[idx[i]!]!
    let dtp = 0
    let dfp = 0
    // One step per distinct score: tied scores move both rates at once, which is the "ties count half" rule.
    while (i < idx.length && scores[idx[i]!] === s) {
      if (positive[idx[i]!]) dtp++
      else dfp++
      i++
    }
    area += (dfp / neg) * ((tp + dtp / 2) / pos)
    tp += dtp
    fp += dfp
    full.push({ fpr: fp / neg, tpr: tp / pos, threshold: s })
  }
  const step = Math.max(1, Math.ceil(full.length / maxPoints))
  const points = full.filter((_, i) => i % step === 0 || i === full.length - 1)
  return { auc: area, points }
}

/**
 * 95 % interval of an AUC from its standard error (Hanley & McNeil 1982, eq. 2) with n1 positives and n0
 * negatives: SE² = [A(1−A) + (n1−1)(Q1−A²) + (n0−1)(Q2−A²)] / (n1 n0), Q1 = A/(2−A), Q2 = 2A²/(1+A).
 */
export function aucInterval(auc: number, n1: number, n0: number, z = Z95): EvidenceInterval | null {
  if (!(n1 >= 1 && n0 >= 1)) return null
  const q1 = auc / (2 - auc)
  const q2 = (2 * auc * auc) / (1 + auc)
  const v = (auc * (1 - auc) + (n1 - 1) * (q1 - auc * auc) + (n0 - 1) * (q2 - auc * auc)) / (n1 * n0)
  const se = Math.sqrt(Math.max(0, v))
  return { lo: Math.max(0, auc - z * se), hi: Math.min(1, auc + z * se) }
}

/** Mulberry32: a small fixed-seed PRNG, so shuffles and synthetic test inputs are reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher–Yates permutation of 0..n−1 drawn from `rand`. */
export function permutation(n: number, rand: () => number): number[] {
  const p = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    const t = p[i]!
    p[i] = p[j]!
    p[j] = t
  }
  return p
}
