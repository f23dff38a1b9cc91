import type { MarketSeries } from './series'

/**
 * The future of each grid time: whether an outcome happened within the horizon and how soon. These read the
 * future on purpose (they are what the signals are scored against); signals never see them.
 */
export interface OutcomeSeries {
  /** 1 where the whole forward window lies inside the data and the start price is known. */
  evaluable: Uint8Array
  hit: Uint8Array
  /** ms from t_i to the end of the first bucket where the threshold was crossed (NaN: no hit). */
  leadMs: Float64Array
  /** Filled for liq-spike: the 95th-percentile threshold in USD. */
  thresholdUsd: number | null
}

function lastFiniteIndex(a: Float64Array): number {
  for (let i = a.length - 1; i >= 0; i--) if (!Number.isNaN(a[i]!)) return i
  return -1
}

/**
 * `move`: |forward extreme / price − 1| ≥ x within the horizon; `drop`: forward low / price − 1 ≤ −x.
 * A window counts only when the price at its start is known and the data reaches its end.
 */
export function priceOutcome(
  m: MarketSeries,
  stepMs: number,
  kind: 'move' | 'drop',
  x: number,
  steps: number,
): OutcomeSeries {
  const n = m.close.length
  const out: OutcomeSeries = {
    evaluable: new Uint8Array(n),
    hit: new Uint8Array(n),
    leadMs: new Float64Array(n).fill(NaN),
    thresholdUsd: null,
  }
  const lastData = Math.max(lastFiniteIndex(m.high), lastFiniteIndex(m.close))
  for (let i = 0; i < n; i++) {
    const p = m.close[i]!
    if (!(p > 0) || i + steps > lastData) continue
    out.evaluable[i] = 1
    for (let j = i + 1; j <= i + steps; j++) {
      const lo = m.low[j]!
      const hi = m.high[j]!
      const down = lo / p - 1 <= -x
      const crossed = kind === 'drop' ? down : down || hi / p - 1 >= x
      if (crossed) {
        out.hit[i] = 1
        out.leadMs[i] = (j - i) * stepMs
        break
      }
    }
  }
  return out
}

/**
 * Realized liquidation USD within the horizon above its own 95th percentile (over every measurable window of
 * the market): the "cascade" a trader fears, on the market's own scale.
 */
export function liquidationOutcome(m: MarketSeries, stepMs: number, steps: number): OutcomeSeries | null {
  const liq = m.liqUsd
  if (!liq) return null
  const n = liq.length
  const out: OutcomeSeries = {
    evaluable: new Uint8Array(n),
    hit: new Uint8Array(n),
    leadMs: new Float64Array(n).fill(NaN),
    thresholdUsd: null,
  }
  const sums: number[] = []
  for (let i = 0; i + steps < n; i++) {
    let s = 0
    for (let j = i + 1; j <= i + steps; j++) s += liq[j]!
    sums.push(s)
    out.evaluable[i] = 1
  }
  if (sums.length === 0) return out
  const sorted = [...sums].sort((a, b) => a - b)
  const threshold = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!
  out.thresholdUsd = threshold
  for (let i = 0; i < sums.length; i++) {
    if (!(sums[i]! > threshold)) continue
    out.hit[i] = 1
    let c = 0
    for (let j = i + 1; j <= i + steps; j++) {
      c += liq[j]!
      if (c > threshold) {
        out.leadMs[i] = (j - i) * stepMs
        break
      }
    }
  }
  return out
}

/**
 * Indices where `on` switches from 0 to 1 (with `evaluable`), keeping only those at least `minGap` steps after
 * the last kept one, so no two counted windows overlap. The first sample is not an onset: the signal may have
 * been on long before the data began.
 */
export function independentOnsets(on: Uint8Array, evaluable: Uint8Array, minGap: number): number[] {
  const out: number[] = []
  let last = -Infinity
  for (let i = 1; i < on.length; i++) {
    if (!on[i] || on[i - 1] || !evaluable[i]) continue
    if (i - last < minGap) continue
    out.push(i)
    last = i
  }
  return out
}

/** Where separate occurrences of an outcome start: starts of hit runs at least `minGap` steps apart. */
export function independentEventStarts(hit: Uint8Array, evaluable: Uint8Array, minGap: number): number[] {
  const out: number[] = []
  let last = -Infinity
  for (let i = 0; i < hit.length; i++) {
    if (!hit[i] || !evaluable[i] || (i > 0 && hit[i - 1] && evaluable[i - 1])) continue
    if (i - last < minGap) continue
    out.push(i)
    last = i
  }
  return out
}

/** Separate occurrences of an outcome. */
export function independentEvents(hit: Uint8Array, evaluable: Uint8Array, minGap: number): number {
  return independentEventStarts(hit, evaluable, minGap).length
}
