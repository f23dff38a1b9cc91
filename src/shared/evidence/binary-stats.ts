import type { BinarySignalStats, LeadTimeSummary } from '../contract/evidence'
import { independentEvents, independentEventStarts, independentOnsets, type OutcomeSeries } from './outcomes'
import { quantileSorted, wilsonInterval } from './stats'

/** Counts of one on/off signal against one outcome; counts from several markets add up to a pooled figure. */
export interface BinaryCounts {
  samplesOn: number
  onsets: number
  hits: number
  leadMs: number[]
  baseEvaluable: number
  baseHits: number
  /** Separate occurrences of the outcome: a rate against fewer than a handful of them is no finding. */
  baseEvents: number
}

export function emptyBinaryCounts(): BinaryCounts {
  return { samplesOn: 0, onsets: 0, hits: 0, leadMs: [], baseEvaluable: 0, baseHits: 0, baseEvents: 0 }
}

/** Adds one market's series; `steps` is the horizon in grid steps (onsets closer than that are one event). */
export function addBinary(acc: BinaryCounts, on: Uint8Array, o: OutcomeSeries, steps: number): void {
  for (let i = 0; i < on.length; i++) {
    if (!o.evaluable[i]) continue
    acc.baseEvaluable++
    acc.baseHits += o.hit[i]!
    acc.samplesOn += on[i]!
  }
  acc.baseEvents += independentEvents(o.hit, o.evaluable, steps)
  for (const i of independentOnsets(on, o.evaluable, steps)) {
    acc.onsets++
    if (o.hit[i]) {
      acc.hits++
      acc.leadMs.push(o.leadMs[i]!)
    }
  }
}

export function leadTimeSummary(leadMs: readonly number[]): LeadTimeSummary {
  const s = [...leadMs].sort((a, b) => a - b)
  return {
    count: s.length,
    minMs: s.length ? s[0]! : null,
    p25Ms: quantileSorted(s, 0.25),
    medianMs: quantileSorted(s, 0.5),
    p75Ms: quantileSorted(s, 0.75),
    maxMs: s.length ? s.at(-1)! : null,
  }
}

/**
 * Hit rate after onsets vs the base rate at any time. A signal that preceded every move of a market where moves
 * follow a fraction b of all times has hit rate 1 and lift 1 / b.
 */
export function finishBinary(
  ids: { signalId: string; outcomeId: string; market: string },
  c: BinaryCounts,
  minEvents: number,
): BinarySignalStats {
  const baseRate = c.baseEvaluable > 0 ? c.baseHits / c.baseEvaluable : null
  const hitRate = c.onsets > 0 ? c.hits / c.onsets : null
  const ci = wilsonInterval(c.hits, c.onsets)
  const liftOk = hitRate !== null && baseRate !== null && baseRate > 0
  let statusReason: string | null = null
  if (c.onsets < minEvents) {
    statusReason = `${c.onsets} independent onset${c.onsets === 1 ? '' : 's'} with a measurable window (needs ${minEvents})`
  } else if (baseRate === 0) {
    statusReason = 'the outcome never happened in the measurable windows: lift is undefined'
  } else if (c.baseEvents < minEvents) {
    statusReason = `the outcome happened ${c.baseEvents} separate time${c.baseEvents === 1 ? '' : 's'} in the data (needs ${minEvents})`
  }
  return {
    ...ids,
    samplesOn: c.samplesOn,
    independentOnsets: c.onsets,
    hits: c.hits,
    hitRate,
    hitRateCi95: ci,
    baseRate,
    lift: liftOk ? hitRate / baseRate : null,
    liftCi95: liftOk && ci ? { lo: ci.lo / baseRate, hi: ci.hi / baseRate } : null,
    leadTime: leadTimeSummary(c.leadMs),
    status: statusReason === null ? 'ok' : 'not-enough-events',
    statusReason,
  }
}

/**
 * Pooled counts across markets: onsets and outcome events are kept with their times and clustered at the end,
 * so one crash seen on seven markets is one event, and seven signals firing at it are one onset.
 */
export interface PooledBinaryCounts {
  samplesOn: number
  baseEvaluable: number
  baseHits: number
  onsets: { tMs: number; hit: boolean; leadMs: number }[]
  eventTimesMs: number[]
}

export function emptyPooledCounts(): PooledBinaryCounts {
  return { samplesOn: 0, baseEvaluable: 0, baseHits: 0, onsets: [], eventTimesMs: [] }
}

/** Adds one market's series to the pool, with its grid (`startMs`, `stepMs`) to place it in time. */
export function addPooled(
  acc: PooledBinaryCounts,
  on: Uint8Array,
  o: OutcomeSeries,
  steps: number,
  startMs: number,
  stepMs: number,
): void {
  for (let i = 0; i < on.length; i++) {
    if (!o.evaluable[i]) continue
    acc.baseEvaluable++
    acc.baseHits += o.hit[i]!
    acc.samplesOn += on[i]!
  }
  for (const i of independentEventStarts(o.hit, o.evaluable, steps))
    acc.eventTimesMs.push(startMs + i * stepMs)
  for (const i of independentOnsets(on, o.evaluable, steps))
    acc.onsets.push({ tMs: startMs + i * stepMs, hit: o.hit[i] === 1, leadMs: o.leadMs[i]! })
}

/** Adds only the outcome's events (a market where the signal never appears still has events). */
export function addPooledEvents(
  acc: PooledBinaryCounts,
  o: OutcomeSeries,
  steps: number,
  startMs: number,
  stepMs: number,
): void {
  for (const i of independentEventStarts(o.hit, o.evaluable, steps))
    acc.eventTimesMs.push(startMs + i * stepMs)
}

/** Count of clusters of times: a time within `gapMs` of the cluster's first one joins it. */
function clusters<T extends { tMs: number }>(items: T[], gapMs: number): T[][] {
  const sorted = [...items].sort((a, b) => a.tMs - b.tMs)
  const out: T[][] = []
  for (const it of sorted) {
    const cur = out[out.length - 1]
    if (cur && it.tMs - cur[0]!.tMs < gapMs) cur.push(it)
    else out.push([it])
  }
  return out
}

/** The pooled counts with onsets and events clustered in time (gap: the outcome's horizon). */
export function clusterPooled(acc: PooledBinaryCounts, gapMs: number): BinaryCounts {
  const onsetClusters = clusters(acc.onsets, gapMs)
  const hitClusters = onsetClusters.filter((c) => c.some((x) => x.hit))
  return {
    samplesOn: acc.samplesOn,
    onsets: onsetClusters.length,
    hits: hitClusters.length,
    leadMs: hitClusters.map((c) => c.find((x) => x.hit)!.leadMs),
    baseEvaluable: acc.baseEvaluable,
    baseHits: acc.baseHits,
    baseEvents: clusters(
      acc.eventTimesMs.map((tMs) => ({ tMs })),
      gapMs,
    ).length,
  }
}

/** Separate outcome events across markets, clustered in time. */
export function pooledEventCount(eventTimesMs: number[], gapMs: number): number {
  return clusters(
    eventTimesMs.map((tMs) => ({ tMs })),
    gapMs,
  ).length
}
