import { mulberry32, quantileSorted, rocAuc } from '../stats'

/**
 * Walk-forward evidence for one hourly market: outcomes from bar-level liquidation totals and prices,
 * a small L2-regularized logistic model refitted on the past only, AUCs with day-block bootstrap intervals.
 * Pure functions on arrays (NaN = missing), so tests can check each against hand-computed values.
 */

/**
 * Rows are grid times t_i and `x[i]` is the bar that opens at t_i; the state at t_i has seen the bars before
 * it. `forwardSum` is what happens next: x[i..i+h-1], NaN past the end or with a bar missing.
 */
export function forwardSum(x: readonly number[], h: number): number[] {
  return x.map((_, i) => {
    if (i + h > x.length) return NaN
    let s = 0
    for (let k = 0; k < h; k++) s += x[i + k]!
    return s
  })
}

/** What was known at t_i: x[i-h..i-1], the h bars before it; NaN until h bars exist. */
export function trailingSum(x: readonly number[], h: number): number[] {
  return x.map((_, i) => {
    if (i < h) return NaN
    let s = 0
    for (let k = 1; k <= h; k++) s += x[i - k]!
    return s
  })
}

/**
 * Quantile q of `x[i-w+1..i]` (values known at i), NaN until `minCount` non-missing values exist. A spike
 * at i is then judged against a threshold that used nothing after i.
 */
export function trailingQuantile(x: readonly number[], w: number, q: number, minCount: number): number[] {
  return x.map((_, i) => {
    const win = x.slice(Math.max(0, i - w + 1), i + 1).filter((v) => Number.isFinite(v))
    if (win.length < minCount) return NaN
    return quantileSorted(
      win.sort((a, b) => a - b),
      q,
    )!
  })
}

/** Logistic model on standardized inputs: p = 1 / (1 + exp(−(b0 + Σ b_j z_j))), z_j = (x_j − mean_j) / sd_j. */
export interface LogisticModel {
  intercept: number
  coef: number[]
  mean: number[]
  sd: number[]
}

const sigmoid = (t: number): number => 1 / (1 + Math.exp(-t))

/** Standardized inputs; a missing input sits at the training mean (z = 0): it moves nothing. */
function standardize(m: Pick<LogisticModel, 'mean' | 'sd'>, x: readonly number[]): number[] {
  return x.map((v, j) => (Number.isFinite(v) ? (v - m.mean[j]!) / m.sd[j]! : 0))
}

export function predict(m: LogisticModel, x: readonly number[]): number {
  const z = standardize(m, x)
  let t = m.intercept
  for (let j = 0; j < z.length; j++) t += m.coef[j]! * z[j]!
  return sigmoid(t)
}

/**
 * L2-penalized logistic regression (penalty λ/2 · Σ b_j², the intercept free) by Newton's method; inputs
 * standardized on the training rows. Few inputs, so the exact Newton step is cheap and converges in a few
 * iterations.
 */
export function fitLogistic(rows: readonly number[][], y: readonly boolean[], lambda = 1): LogisticModel {
  const k = rows[0]?.length ?? 0
  const mean: number[] = []
  const sd: number[] = []
  for (let j = 0; j < k; j++) {
    const v = rows.map((r) => r[j]!).filter((x) => Number.isFinite(x))
    const mu = v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0
    const s = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mu) ** 2, 0) / (v.length - 1)) : 0
    mean.push(mu)
    sd.push(s > 0 ? s : 1)
  }
  const z = rows.map((r) => [1, ...standardize({ mean, sd }, r)])
  const b = new Array<number>(k + 1).fill(0)
  const pos = y.filter(Boolean).length
  b[0] = Math.log((pos + 0.5) / (y.length - pos + 0.5))
  for (let iter = 0; iter < 50; iter++) {
    const g = new Array<number>(k + 1).fill(0)
    const H = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0))
    for (let i = 0; i < z.length; i++) {
      const zi = z[i]!
      let t = 0
      for (let j = 0; j <= k; j++) t += b[j]! * zi[j]!
      const p = sigmoid(t)
      const w = p * (1 - p)
      const r = (y[i] ? 1 : 0) - p
      for (let j = 0; j <= k; j++) {
        g[j]! += r * zi[j]!
        for (let l = 0; l <= k; l++) H[j]![l]! += w * zi[j]! * zi[l]!
      }
    }
    for (let j = 1; j <= k; j++) {
      g[j]! -= lambda * b[j]!
      H[j]![j]! += lambda
    }
    const step = solve(H, g)
    let change = 0
    for (let j = 0; j <= k; j++) {
      b[j]! += step[j]!
      change = Math.max(change, Math.abs(step[j]!))
    }
    if (change < 1e-9) break
  }
  return { intercept: b[0]!, coef: b.slice(1), mean, sd }
}

/** Solves A x = v by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(A: number[][], v: number[]): number[] {
  const n = v.length
  const M = A.map((row, i) => [...row, v[i]!])
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r
    ;[M[c], M[p]] = [M[p]!, M[c]!]
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / M[c]![c]!
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!
    }
  }
  const x = new Array<number>(n).fill(0)
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!
    for (let k = r + 1; k < n; k++) s -= M[r]![k]! * x[k]!
    x[r] = s / M[r]![r]!
  }
  return x
}

/**
 * Out-of-sample probabilities: for each fold start (e.g. each month), fit on every labelled row whose
 * outcome window closed before the fold began (`i + horizon < start`: no look-ahead through overlapping
 * windows), predict the fold. Rows before the first fold stay NaN.
 */
export function walkForward(
  x: readonly number[][],
  y: readonly (boolean | null)[],
  foldStarts: readonly number[],
  horizon: number,
  lambda = 1,
): { p: number[]; models: LogisticModel[] } {
  const p = new Array<number>(x.length).fill(NaN)
  const models: LogisticModel[] = []
  for (let f = 0; f < foldStarts.length; f++) {
    const start = foldStarts[f]!
    const end = foldStarts[f + 1] ?? x.length
    const trainIdx: number[] = []
    for (let i = 0; i + horizon < start; i++) if (y[i] !== null) trainIdx.push(i)
    const yy = trainIdx.map((i) => y[i]!)
    if (!yy.some(Boolean) || yy.every(Boolean)) continue
    const m = fitLogistic(
      trainIdx.map((i) => x[i]!),
      yy,
      lambda,
    )
    models.push(m)
    for (let i = start; i < end; i++) p[i] = predict(m, x[i]!)
  }
  return { p, models }
}

/** AUC over the rows where both the score and the outcome are known. */
export function aucOf(
  score: readonly number[],
  y: readonly (boolean | null)[],
  rows: readonly number[],
): number | null {
  const s: number[] = []
  const o: boolean[] = []
  for (const i of rows) {
    if (y[i] === null || !Number.isFinite(score[i]!)) continue
    s.push(score[i]!)
    o.push(y[i]!)
  }
  return rocAuc(s, o, 2).auc
}

/**
 * 95 % interval of an AUC by a block bootstrap over days: whole days are resampled, so hours of one episode
 * (and its overlapping 4-h windows) never count as independent draws.
 */
export function blockBootstrapAuc(
  score: readonly number[],
  y: readonly (boolean | null)[],
  rows: readonly number[],
  blockLen: number,
  draws = 1000,
  seed = 1,
): { lo: number; hi: number } | null {
  const blocks: number[][] = []
  for (let i = 0; i < rows.length; i += blockLen) blocks.push(rows.slice(i, i + blockLen))
  const rand = mulberry32(seed)
  const aucs: number[] = []
  for (let d = 0; d < draws; d++) {
    const pick: number[] = []
    for (let b = 0; b < blocks.length; b++) pick.push(...blocks[Math.floor(rand() * blocks.length)]!)
    const a = aucOf(score, y, pick)
    if (a !== null) aucs.push(a)
  }
  if (aucs.length < draws / 2) return null
  aucs.sort((a, b) => a - b)
  return { lo: quantileSorted(aucs, 0.025)!, hi: quantileSorted(aucs, 0.975)! }
}

/** Positive rows that start a new episode: a positive within `gap` rows of the previous one is the same event. */
export function independentEvents(
  y: readonly (boolean | null)[],
  rows: readonly number[],
  gap: number,
): number {
  let n = 0
  let last = -Infinity
  for (const i of rows) {
    if (y[i] !== true) continue
    if (i - last > gap) n++
    last = i
  }
  return n
}

/** Reliability diagram: rows binned by predicted probability (equal-count bins), mean predicted vs observed. */
export function reliability(
  p: readonly number[],
  y: readonly (boolean | null)[],
  rows: readonly number[],
  bins: number,
): { predicted: number; observed: number; n: number }[] {
  const r = rows.filter((i) => y[i] !== null && Number.isFinite(p[i]!)).sort((a, b) => p[a]! - p[b]!)
  const out: { predicted: number; observed: number; n: number }[] = []
  for (let b = 0; b < bins; b++) {
    const part = r.slice(Math.floor((b * r.length) / bins), Math.floor(((b + 1) * r.length) / bins))
    if (part.length === 0) continue
    out.push({
      predicted: part.reduce((a, i) => a + p[i]!, 0) / part.length,
      observed: part.filter((i) => y[i]).length / part.length,
      n: part.length,
    })
  }
  return out
}
