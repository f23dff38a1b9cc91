import type { CalibrationBin, ContinuousSignalStats } from '../contract/evidence'
import { independentEvents, type OutcomeSeries } from './outcomes'
import { aucInterval, rocAuc, wilsonInterval } from './stats'

/** Pairs of (score, outcome) at measurable times; pooled markets concatenate. */
export interface ContinuousCounts {
  scores: number[]
  hits: boolean[]
  independentPositives: number
  /** Sample step / horizon: how many independent windows one sample stands for. */
  windowsPerSample: number
}

export function emptyContinuousCounts(stepMs: number, horizonMs: number): ContinuousCounts {
  return { scores: [], hits: [], independentPositives: 0, windowsPerSample: Math.min(1, stepMs / horizonMs) }
}

export function addContinuous(
  acc: ContinuousCounts,
  score: Float64Array,
  o: OutcomeSeries,
  steps: number,
): void {
  const scored = new Uint8Array(score.length)
  for (let i = 0; i < score.length; i++) {
    if (!o.evaluable[i] || Number.isNaN(score[i]!)) continue
    scored[i] = 1
    acc.scores.push(score[i]!)
    acc.hits.push(o.hit[i] === 1)
  }
  acc.independentPositives += independentEvents(o.hit, scored, steps)
}

/** Scores are 0..100; ten bins of 10 points, the top bin closed. */
function calibration(c: ContinuousCounts): CalibrationBin[] {
  const bins: CalibrationBin[] = []
  for (let b = 0; b < 10; b++) {
    const lo = b * 10
    const hi = lo + 10
    let n = 0
    let k = 0
    for (let i = 0; i < c.scores.length; i++) {
      const s = c.scores[i]!
      if (s < lo || (b < 9 ? s >= hi : s > hi)) continue
      n++
      if (c.hits[i]) k++
    }
    // Overlapping windows are not independent: the interval uses the windows the samples stand for.
    const effectiveN = n * c.windowsPerSample
    const rate = n > 0 ? k / n : null
    bins.push({
      lo,
      hi,
      samples: n,
      effectiveN: Math.round(effectiveN * 10) / 10,
      rate,
      ci95: rate === null ? null : wilsonInterval(rate * Math.max(1, effectiveN), Math.max(1, effectiveN)),
    })
  }
  return bins
}

/**
 * AUC with its interval for any continuous signal; the ROC curve and the 0–100 bins only for composites
 * (`score:` ids), so a report over every metric stays small.
 */
export function finishContinuous(
  ids: { signalId: string; outcomeId: string; market: string },
  c: ContinuousCounts,
  minEvents: number,
): ContinuousSignalStats {
  const composite = ids.signalId.startsWith('score:')
  const { auc, points } = rocAuc(c.scores, c.hits)
  const positives = c.hits.filter(Boolean).length
  const negatives = c.hits.length - positives
  const independentNegatives = Math.floor(negatives * c.windowsPerSample)
  let statusReason: string | null = null
  if (c.independentPositives < minEvents)
    statusReason = `${c.independentPositives} independent outcome event${c.independentPositives === 1 ? '' : 's'} (needs ${minEvents})`
  else if (independentNegatives < minEvents)
    statusReason = `about ${independentNegatives} independent windows without the outcome (needs ${minEvents})`
  return {
    ...ids,
    samples: c.scores.length,
    positives,
    negatives,
    independentPositives: c.independentPositives,
    auc,
    aucCi95: auc === null ? null : aucInterval(auc, c.independentPositives, independentNegatives),
    roc: composite ? points : [],
    calibration: composite ? calibration(c) : [],
    status: statusReason === null ? 'ok' : 'not-enough-events',
    statusReason,
  }
}
