import { fitLogistic } from '../../evidence/calibration/walk-forward'
import { mulberry32, quantileSorted } from '../../evidence/stats'

import type { PlattMapping } from './platt-mapping'
import { plattProbability } from './platt-mapping'

export type { PlattMapping } from './platt-mapping'

/** Platt scaling fitted walk-forward and judged out of sample. Pure functions on arrays (NaN = missing). */

/**
 * Fits the mapping on the rows given (score finite, outcome known). A slope that comes out negative would
 * invert the index's ranking: the mapping then falls back to the base rate (b = 0), which is what an index
 * without information is worth. Null without both outcomes among the rows.
 */
export function fitPlatt(
  score: readonly number[],
  y: readonly (boolean | null)[],
  rows: readonly number[],
  lambda = 1,
): PlattMapping | null {
  const use = rows.filter((i) => y[i] !== null && Number.isFinite(score[i]!))
  const yy = use.map((i) => y[i]!)
  const pos = yy.filter(Boolean).length
  if (pos === 0 || pos === yy.length) return null
  const xs = use.map((i) => score[i]!)
  const scoreMin = Math.min(...xs)
  const scoreMax = Math.max(...xs)
  const fit = fitLogistic(
    xs.map((x) => [x]),
    yy,
    lambda,
  )
  const slope = fit.coef[0]! / fit.sd[0]!
  if (!(slope > 0)) {
    const base = pos / yy.length
    return { a: Math.log(base / (1 - base)), b: 0, scoreMin, scoreMax }
  }
  return { a: fit.intercept - slope * fit.mean[0]!, b: slope, scoreMin, scoreMax }
}

/**
 * Out-of-sample probabilities and the base-rate forecast they must beat: for each fold, the mapping and the
 * base rate are fitted on the labelled rows whose outcome window closed before the fold began
 * (`i + horizon < start`), then applied to the fold. Rows before the first fold stay NaN.
 */
export function walkForwardPlatt(
  score: readonly number[],
  y: readonly (boolean | null)[],
  foldStarts: readonly number[],
  horizon: number,
): { p: number[]; base: number[]; mappings: PlattMapping[] } {
  const p = new Array<number>(score.length).fill(NaN)
  const base = new Array<number>(score.length).fill(NaN)
  const mappings: PlattMapping[] = []
  for (let f = 0; f < foldStarts.length; f++) {
    const start = foldStarts[f]!
    const end = foldStarts[f + 1] ?? score.length
    const train: number[] = []
    for (let i = 0; i + horizon < start; i++) if (y[i] !== null) train.push(i)
    const m = fitPlatt(score, y, train)
    if (!m) continue
    mappings.push(m)
    const rate = train.filter((i) => y[i]).length / train.length
    for (let i = start; i < end; i++) {
      base[i] = rate
      if (Number.isFinite(score[i]!)) p[i] = plattProbability(m, score[i]!)
    }
  }
  return { p, base, mappings }
}

/** Mean squared error of a probability forecast over the rows where it and the outcome are known. */
export function brier(p: readonly number[], y: readonly (boolean | null)[], rows: readonly number[]): number {
  let s = 0
  let n = 0
  for (const i of rows) {
    if (y[i] === null || !Number.isFinite(p[i]!)) continue
    s += (p[i]! - (y[i] ? 1 : 0)) ** 2
    n++
  }
  return n ? s / n : NaN
}

/** Whole days (blocks of `blockLen` rows) resampled with replacement: hours of one episode move together. */
function blockDraws(rows: readonly number[], blockLen: number, draws: number, seed: number): number[][] {
  const blocks: number[][] = []
  for (let i = 0; i < rows.length; i += blockLen) blocks.push(rows.slice(i, i + blockLen))
  const rand = mulberry32(seed)
  const out: number[][] = []
  for (let d = 0; d < draws; d++) {
    const pick: number[] = []
    for (let b = 0; b < blocks.length; b++) pick.push(...blocks[Math.floor(rand() * blocks.length)]!)
    out.push(pick)
  }
  return out
}

const interval = (v: number[]): { lo: number; hi: number } => {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b)
  return { lo: quantileSorted(s, 0.025) ?? NaN, hi: quantileSorted(s, 0.975) ?? NaN }
}

export interface BrierComparison {
  model: number
  baseRate: number
  /** 1 − model / base rate: above 0 the forecast beats "the usual rate" every hour. */
  skill: number
  /** 95 % day-block interval of the skill. */
  skillLo: number
  skillHi: number
}

export function compareBrier(
  p: readonly number[],
  base: readonly number[],
  y: readonly (boolean | null)[],
  rows: readonly number[],
  blockLen = 24,
  draws = 1000,
  seed = 11,
): BrierComparison {
  const both = rows.filter((i) => Number.isFinite(p[i]!) && Number.isFinite(base[i]!))
  const skillOf = (r: readonly number[]) => 1 - brier(p, y, r) / brier(base, y, r)
  const ci = interval(blockDraws(both, blockLen, draws, seed).map(skillOf))
  return {
    model: brier(p, y, both),
    baseRate: brier(base, y, both),
    skill: skillOf(both),
    skillLo: ci.lo,
    skillHi: ci.hi,
  }
}

/** One bin of a reliability diagram, with the 95 % day-block interval of the observed rate. */
export interface ReliabilityBin {
  predicted: number
  observed: number
  n: number
  lo: number
  hi: number
}

/**
 * Reliability diagram: rows in equal-count bins of predicted probability, mean predicted vs observed rate.
 * The interval resamples whole days (bin membership fixed), so an episode's hours count as one draw.
 */
export function reliabilityWithIntervals(
  p: readonly number[],
  y: readonly (boolean | null)[],
  rows: readonly number[],
  bins: number,
  blockLen = 24,
  draws = 1000,
  seed = 13,
): ReliabilityBin[] {
  const r = rows.filter((i) => y[i] !== null && Number.isFinite(p[i]!))
  const sorted = [...r].sort((a, b) => p[a]! - p[b]! || a - b)
  const binOf = new Map<number, number>()
  const parts: number[][] = []
  for (let b = 0; b < bins; b++) {
    const part = sorted.slice(
      Math.floor((b * sorted.length) / bins),
      Math.floor(((b + 1) * sorted.length) / bins),
    )
    if (part.length === 0) continue
    for (const i of part) binOf.set(i, parts.length)
    parts.push(part)
  }
  const rates: number[][] = parts.map(() => [])
  for (const pick of blockDraws(r, blockLen, draws, seed)) {
    const k = parts.map(() => 0)
    const n = parts.map(() => 0)
    for (const i of pick) {
      const b = binOf.get(i)!
      n[b]!++
      if (y[i]) k[b]!++
    }
    for (let b = 0; b < parts.length; b++) if (n[b]! > 0) rates[b]!.push(k[b]! / n[b]!)
  }
  return parts.map((part, b) => ({
    predicted: part.reduce((a, i) => a + p[i]!, 0) / part.length,
    observed: part.filter((i) => y[i]).length / part.length,
    n: part.length,
    ...interval(rates[b]!),
  }))
}

/** Calibrated within its intervals: every bin's mean prediction lies inside its observed rate's interval. */
export function withinIntervals(bins: readonly ReliabilityBin[]): boolean {
  return bins.length > 0 && bins.every((b) => b.predicted >= b.lo && b.predicted <= b.hi)
}
