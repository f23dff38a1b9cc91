import type { EventStudy } from '../contract/evidence'
import { independentOnsets } from './outcomes'

/** Sums of returns per offset; markets add up, the mean is taken at the end. */
export interface EventStudyAcc {
  offsetsSteps: number[]
  sum: number[]
  count: number[]
  onsets: number
  stepMs: number
}

/** Offsets −window..+window steps, thinned so a plot has at most ~`maxPoints` points. */
export function emptyEventStudy(windowSteps: number, stepMs: number, maxPoints = 97): EventStudyAcc {
  const stride = Math.max(1, Math.ceil((2 * windowSteps + 1) / maxPoints))
  const offsets: number[] = []
  for (let k = -windowSteps; k <= windowSteps; k += stride) offsets.push(k)
  if (offsets.at(-1) !== windowSteps) offsets.push(windowSteps)
  if (!offsets.includes(0)) offsets.push(0)
  offsets.sort((a, b) => a - b)
  return { offsetsSteps: offsets, sum: offsets.map(() => 0), count: offsets.map(() => 0), onsets: 0, stepMs }
}

/** Adds the price path around each onset (kept one window apart) relative to the price at the onset. */
export function addEventStudy(
  acc: EventStudyAcc,
  on: Uint8Array,
  close: Float64Array,
  windowSteps: number,
): void {
  const priced = new Uint8Array(close.length)
  for (let i = 0; i < close.length; i++) priced[i] = close[i]! > 0 ? 1 : 0
  for (const i0 of independentOnsets(on, priced, windowSteps)) {
    acc.onsets++
    const p0 = close[i0]!
    acc.offsetsSteps.forEach((k, j) => {
      const p = close[i0 + k]
      if (p === undefined || !(p > 0)) return
      acc.sum[j]! += p / p0 - 1
      acc.count[j]!++
    })
  }
}

export function finishEventStudy(ids: { signalId: string; market: string }, acc: EventStudyAcc): EventStudy {
  return {
    ...ids,
    onsets: acc.onsets,
    offsetsMs: acc.offsetsSteps.map((k) => k * acc.stepMs),
    meanReturn: acc.sum.map((s, j) => (acc.count[j]! > 0 ? s / acc.count[j]! : null)),
    counts: [...acc.count],
  }
}
