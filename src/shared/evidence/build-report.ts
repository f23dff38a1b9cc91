import {
  POOLED_MARKET,
  type BinarySignalStats,
  type ContinuousSignalStats,
  type EventStudy,
  type EvidenceBaseRate,
  type EvidenceOutcome,
  type EvidenceReport,
  type EvidenceSessionInfo,
  type EvidenceSignalInfo,
} from '../contract/evidence'
import {
  addBinary,
  addPooled,
  addPooledEvents,
  clusterPooled,
  emptyBinaryCounts,
  emptyPooledCounts,
  finishBinary,
  pooledEventCount,
  type BinaryCounts,
  type PooledBinaryCounts,
} from './binary-stats'
import {
  addContinuous,
  emptyContinuousCounts,
  finishContinuous,
  type ContinuousCounts,
} from './continuous-stats'
import { complementSeries, foldComplements } from './complements'
import { addEventStudy, emptyEventStudy, finishEventStudy, type EventStudyAcc } from './event-study'
import { formatHorizon, formatPct } from './horizons'
import { independentEvents, liquidationOutcome, priceOutcome, type OutcomeSeries } from './outcomes'
import { horizonSteps, type SampledSession } from './series'
import { wilsonInterval } from './stats'
import { formatDuration } from '../scoring/metric'
import { lsiReliabilityNote, lsiReliabilityPoints } from '../scoring/calibration/lsi-calibration'

export const MIN_EVENTS = 10

export interface EvidenceInput {
  sessions: { info: EvidenceSessionInfo; sampled: SampledSession | null }[]
  horizonsMs: number[]
  moves: number[]
  minEvents?: number
  nowMs: number
  notes?: string[]
}

export function outcomeList(horizonsMs: readonly number[], moves: readonly number[]): EvidenceOutcome[] {
  const out: EvidenceOutcome[] = []
  for (const h of horizonsMs) {
    const hl = formatHorizon(h)
    for (const x of moves) {
      const pct = formatPct(x)
      out.push({
        id: `move-${pct}-${hl}`,
        kind: 'move',
        horizonMs: h,
        threshold: x,
        question: `Will price move more than ${pct} either way within ${hl}?`,
      })
      out.push({
        id: `drop-${pct}-${hl}`,
        kind: 'drop',
        horizonMs: h,
        threshold: x,
        question: `Will price drop more than ${pct} within the next ${hl}?`,
      })
    }
    out.push({
      id: `liq-p95-${hl}`,
      kind: 'liq-spike',
      horizonMs: h,
      threshold: 0.95,
      question: `Will realized liquidations within ${hl} exceed their own 95th percentile?`,
    })
  }
  return out
}

/** Accumulators keyed by market (and the pooled 'all'). */
class Pool<T> {
  readonly byKey = new Map<string, T>()
  constructor(private readonly make: () => T) {}
  get(market: string): T {
    let v = this.byKey.get(market)
    if (!v) this.byKey.set(market, (v = this.make()))
    return v
  }
}

function unavailable(
  o: EvidenceOutcome,
  sampled: SampledSession | null,
  info: EvidenceSessionInfo,
  hasLiq: boolean,
): string {
  if (!sampled || !info.hasPrices) return 'the session holds no prices'
  if (o.kind === 'liq-spike' && !hasLiq) return 'the session holds no liquidation events'
  const spanMs = (sampled.n - 1) * sampled.stepMs
  if (o.horizonMs < sampled.stepMs)
    return `horizon ${formatHorizon(o.horizonMs)} is shorter than the sample step`
  if (spanMs < o.horizonMs)
    return `the session spans ${formatDuration(spanMs)}, shorter than the ${formatHorizon(o.horizonMs)} horizon`
  return 'no sample time has a known price and a complete forward window'
}

/** Turns sampled sessions into the report: base rates, per-signal statistics, event studies. */
export function buildEvidenceReport(input: EvidenceInput): EvidenceReport {
  const minEvents = input.minEvents ?? MIN_EVENTS
  const outcomes = outcomeList(input.horizonsMs, input.moves)
  const signals = new Map<string, EvidenceSignalInfo>()
  const notes: string[] = [...(input.notes ?? [])]
  const baseRates: EvidenceBaseRate[] = []
  const binary: BinarySignalStats[] = []
  const continuous: ContinuousSignalStats[] = []
  const minH = Math.min(...input.horizonsMs)
  const studyWindowMs = Math.min(4 * minH, 86_400_000)

  const studies = new Map<string, Pool<EventStudyAcc>>()
  let studyStepMs: number | null = null
  for (const { sampled } of input.sessions) {
    if (!sampled) continue
    for (const [id, info] of sampled.signals) signals.set(id, info)
    // Pooled event studies need one grid step; sessions on another step are studied per market only.
    studyStepMs ??= sampled.stepMs
    const w = horizonSteps(studyWindowMs, sampled.stepMs)
    for (const m of sampled.markets) {
      for (const [id, on] of m.binary) {
        let pool = studies.get(id)
        if (!pool) studies.set(id, (pool = new Pool(() => emptyEventStudy(w, sampled.stepMs))))
        addEventStudy(pool.get(m.market), on, m.close, w)
        if (sampled.stepMs === studyStepMs) addEventStudy(pool.get(POOLED_MARKET), on, m.close, w)
      }
    }
  }

  const marketCount = input.sessions.reduce((n, x) => n + x.info.markets.length, 0)
  if (marketCount > 1)
    notes.push(
      'Pooled figures ("all") count outcome events and signal onsets closer in time than the horizon as one, across markets and sessions: a move seen on several markets at once is one event.',
    )
  for (const o of outcomes) {
    const base = new Pool(() => ({ evaluable: 0, hits: 0, windows: 0, events: 0 }))
    const bin = new Map<string, Pool<BinaryCounts>>()
    // Pooled over markets: kept with times and clustered, so one move seen on many markets is one event.
    const pooled = new Map<string, PooledBinaryCounts>()
    const pooledEvents: number[] = []
    const cont = new Map<string, Pool<ContinuousCounts>>()
    const reasons = new Map<string, string>()
    for (const { info, sampled } of input.sessions) {
      const steps = sampled ? horizonSteps(o.horizonMs, sampled.stepMs) : 0
      for (const market of info.markets) {
        const m = sampled?.markets.find((x) => x.market === market)
        let series: OutcomeSeries | null = null
        if (m && sampled && steps >= 1) {
          series =
            o.kind === 'liq-spike'
              ? liquidationOutcome(m, sampled.stepMs, steps)
              : priceOutcome(m, sampled.stepMs, o.kind, o.threshold, steps)
        }
        const evaluable = series ? series.evaluable.reduce((a, v) => a + v, 0) : 0
        if (!series || !m || !sampled || evaluable === 0) {
          reasons.set(market, unavailable(o, sampled, info, m?.liqUsd != null))
          continue
        }
        const hits = series.hit.reduce((a, v) => a + v, 0)
        const events = independentEvents(series.hit, series.evaluable, steps)
        const windows = Math.floor((evaluable * sampled.stepMs) / o.horizonMs)
        for (const key of [market, POOLED_MARKET]) {
          const b = base.get(key)
          b.evaluable += evaluable
          b.hits += hits
          b.windows += windows
          b.events += events
        }
        const ev = emptyPooledCounts()
        addPooledEvents(ev, series, steps, sampled.startMs, sampled.stepMs)
        pooledEvents.push(...ev.eventTimesMs)
        for (const [id, on] of [...m.binary, ...complementSeries(m.binary, sampled.n)]) {
          let pool = bin.get(id)
          if (!pool) bin.set(id, (pool = new Pool(emptyBinaryCounts)))
          addBinary(pool.get(market), on, series, steps)
          let p = pooled.get(id)
          if (!p) pooled.set(id, (p = emptyPooledCounts()))
          addPooled(p, on, series, steps, sampled.startMs, sampled.stepMs)
        }
        for (const [id, score] of m.scores) {
          let pool = cont.get(id)
          if (!pool) cont.set(id, (pool = new Pool(() => emptyContinuousCounts(sampled.stepMs, o.horizonMs))))
          addContinuous(pool.get(market), score, series, steps)
          addContinuous(pool.get(POOLED_MARKET), score, series, steps)
        }
      }
    }
    for (const [market, why] of reasons) {
      baseRates.push({
        outcomeId: o.id,
        market,
        samplesEvaluable: 0,
        samplesHit: 0,
        rate: null,
        independentWindows: 0,
        independentEvents: 0,
        ci95: null,
        unavailableReason: why,
      })
    }
    if (base.byKey.has(POOLED_MARKET)) {
      const clustered = pooledEventCount(pooledEvents, o.horizonMs)
      base.get(POOLED_MARKET).events = clustered
      // A pooled AUC's interval rests on outcome events clustered across markets too, never on more.
      for (const pool of cont.values()) {
        const c = pool.byKey.get(POOLED_MARKET)
        if (c) c.independentPositives = Math.min(c.independentPositives, clustered)
      }
    }
    for (const [market, b] of base.byKey) {
      baseRates.push({
        outcomeId: o.id,
        market,
        samplesEvaluable: b.evaluable,
        samplesHit: b.hits,
        rate: b.hits / b.evaluable,
        independentWindows: b.windows,
        independentEvents: b.events,
        ci95: b.windows > 0 ? wilsonInterval((b.hits / b.evaluable) * b.windows, b.windows) : null,
        unavailableReason: null,
      })
    }
    for (const [signalId, p] of pooled) {
      const c = clusterPooled({ ...p, eventTimesMs: pooledEvents }, o.horizonMs)
      if (c.samplesOn > 0) bin.get(signalId)!.byKey.set(POOLED_MARKET, c)
    }
    const rows: BinarySignalStats[] = []
    for (const [signalId, pool] of bin) {
      for (const [market, c] of pool.byKey) {
        if (c.samplesOn > 0) rows.push(finishBinary({ signalId, outcomeId: o.id, market }, c, minEvents))
      }
    }
    // A signal whose complement never started is still reported; a complement alone is not.
    binary.push(...foldComplements(rows))
    for (const [signalId, pool] of cont) {
      for (const [market, c] of pool.byKey) {
        if (c.scores.length > 0)
          continuous.push(finishContinuous({ signalId, outcomeId: o.id, market }, c, minEvents))
      }
    }
  }

  const eventStudies: EventStudy[] = []
  for (const [signalId, pool] of studies) {
    for (const [market, acc] of pool.byKey) {
      if (acc.onsets > 0) eventStudies.push(finishEventStudy({ signalId, market }, acc))
    }
  }
  return {
    generatedAtMs: input.nowMs,
    horizonsMs: [...input.horizonsMs],
    moves: [...input.moves],
    minEvents,
    sessions: input.sessions.map((s) => s.info),
    outcomes,
    signals: [...signals.values()].sort((a, b) => a.id.localeCompare(b.id)),
    baseRates,
    binary,
    continuous,
    eventStudies,
    reliability: lsiReliabilityPoints(),
    notes: [...notes, lsiReliabilityNote()],
  }
}
