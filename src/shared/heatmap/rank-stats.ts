import { mulberry32, quantileSorted } from '../evidence/stats'

/** Ranks 1..n with ties given their average rank (the usual convention for Spearman's ρ). */
export function averageRanks(values: readonly number[]): number[] {
  const idx = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!)
  const ranks = new Array<number>(values.length)
  for (let i = 0; i < idx.length;) {
    let j = i
    while (j + 1 < idx.length && values[idx[j + 1]!] === values[idx[i]!]) j++
    const r = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) ranks[idx[k]!] = r
    i = j + 1
  }
  return ranks
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length
  if (n < 3) return null
  let mx = 0
  let my = 0
  for (let i = 0; i < n; i++) {
    mx += x[i]!
    my += y[i]!
  }
  mx /= n
  my /= n
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx
    const dy = y[i]! - my
    sxy += dx * dy
    sxx += dx * dx
    syy += dy * dy
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null
}

/** Spearman's ρ: Pearson's r of the average ranks. Null below 3 pairs or when either side is constant. */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) throw new Error(`spearman: ${x.length} values against ${y.length}`)
  return pearson(averageRanks(x), averageRanks(y))
}

export interface Interval {
  lo: number
  hi: number
}

/**
 * Percentile intervals (95 %) of statistics by a block bootstrap: whole blocks (e.g. UTC days) are drawn
 * with replacement, so hours that move together within a day stay together and the interval is not made
 * narrower by treating correlated hours as independent. `stats` maps a resample (row indices) to values;
 * draws where a statistic is null are left out of its interval. Fixed seed: reruns give the same figures.
 */
export function blockBootstrap(
  blocks: readonly (readonly number[])[],
  stats: (rows: number[]) => (number | null)[],
  draws = 1000,
  seed = 1,
): (Interval | null)[] {
  const rand = mulberry32(seed)
  const samples: number[][] = []
  for (let d = 0; d < draws; d++) {
    const rows: number[] = []
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[Math.floor(rand() * blocks.length)]!
      for (const r of block) rows.push(r)
    }
    stats(rows).forEach((v, k) => {
      samples[k] ??= []
      if (v !== null) samples[k]!.push(v)
    })
  }
  return samples.map((s) => {
    if (s.length < draws / 2) return null
    s.sort((a, b) => a - b)
    return { lo: quantileSorted(s, 0.025)!, hi: quantileSorted(s, 0.975)! }
  })
}
