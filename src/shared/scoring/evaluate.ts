import { basisMetrics } from './basis/basis-metrics'
import { basisPricing } from './basis/basis-pair'
import { depthId } from './basis/basis-metrics'
import { contradictions } from './composites/contradictions'
import { pillars } from './composites/pillars'
import { scores } from './composites/scores'
import { deleveraging, setupTags } from './composites/setups'
import type { Signals } from './composites/signals'
import { lsiParts, ownLsi, stressIndex } from './composites/stress-index'
import type { ScoringConfig } from './config'
import type { EvalContext } from './eval-context'
import { flowMetrics, liquidationProximity } from './flow/flow-metrics'
import { fundingMetrics } from './funding/funding-metrics'
import { crossMarketMetrics } from './cross-market'
import { bandMargin, dwellCreate, rawBand, updateBand, updateDwell } from './hysteresis'
import type { MarketState } from './market-state'
import { longShortMetrics } from './positioning/long-short'
import { oiMetrics } from './positioning/oi-metrics'
import { pushShift } from './regime-shift'
import type { ScoringState } from './scoring-state'
import { HOUR_MS, na, ok } from './metric'
import type { Metric } from './snapshot'
import { rollingPush } from './stats/rolling-stats'
import { ringMidRank } from './stats/percentile'
import { volatilityMetrics } from './volatility/volatility-metrics'
import { priceChange24h } from './volatility/price-change'

/** Reference LSI (without its own carry), cached per reference state version: one evaluation per batch. */
const refCache = new WeakMap<
  ScoringState,
  Map<string, { nowMs: number; events: number; prox: MarketState['liqProximity']; lsi: number | null }>
>()

function referenceLsi(state: ScoringState, ref: MarketState, nowMs: number): number | null {
  let c = refCache.get(state)
  if (!c) refCache.set(state, (c = new Map()))
  const hit = c.get(ref.key)
  if (hit && hit.nowMs === nowMs && hit.events === ref.eventCount && hit.prox === ref.liqProximity)
    return hit.lsi
  const lsi = evaluateMarket(state, ref, nowMs, false, false).lsi
  c.set(ref.key, { nowMs, events: ref.eventCount, prox: ref.liqProximity, lsi })
  return lsi
}

const MIN_SELF_SAMPLES = 24

/** "Relative to itself": mid-rank of the LSI among this market's own hourly samples; samples on ticks. */
function selfPercentile(ctx: EvalContext, lsi: number | null): void {
  const { m, nowMs } = ctx
  const r = m.selfLsi.ring
  if (ctx.tick && lsi !== null && (m.lastSelfSampleMs === null || nowMs - m.lastSelfSampleMs >= HOUR_MS)) {
    rollingPush(m.selfLsi, nowMs, lsi)
    m.lastSelfSampleMs = nowMs
  }
  if (ctx.tick) return
  if (lsi === null) ctx.metrics['lsi-self-pct'] = na('fraction', 'no stress index')
  else if (r.size < MIN_SELF_SAMPLES)
    ctx.metrics['lsi-self-pct'] = na(
      'fraction',
      `needs ${MIN_SELF_SAMPLES} hourly samples of its own history, has ${r.size}`,
    )
  else ctx.metrics['lsi-self-pct'] = ok(ringMidRank(r, lsi)!, 'fraction', m.asOfMs)
}

export interface Evaluation {
  metrics: Record<string, Metric>
  labels: Record<string, string | null>
  tags: string[]
  contradictions: string[]
  lsi: number | null
}

/** Events, not regimes: a setup tag or a liquidation cascade is shown within the short dwell. */
const EVENT_LABELS = new Set(['liq-cascade'])

/** Regime labels hold `labelDwellMs` before they change; tags and event labels `minDwellMs`. */
export function labelDwellMs(cfg: ScoringConfig, id: string): number {
  return id.startsWith('tag:') || EVENT_LABELS.has(id) ? cfg.minDwellMs : cfg.labelDwellMs
}

function context(
  state: ScoringState,
  m: MarketState,
  nowMs: number,
  tick: boolean,
  labels: Record<string, string | null>,
): EvalContext {
  const cfg = state.config
  return {
    cfg,
    nowMs,
    m,
    tick,
    metrics: {},
    band(id, value, edges, names) {
      let s = m.bands[id]
      if (!s && tick) s = m.bands[id] = { index: -1 }
      let label: string | null
      if (!tick) {
        label = value === null ? null : names[s && s.index >= 0 ? s.index : rawBand(edges, value)]!
      } else {
        const prev = s!.index
        const margin = bandMargin(edges, cfg.hysteresisMargin)
        const idx = updateBand(s!, edges, margin, value, nowMs, labelDwellMs(cfg, id))
        label = idx < 0 ? null : names[idx]!
        if (idx >= 0 && prev >= 0 && prev !== idx) {
          pushShift(state.shifts, cfg.maxPendingShifts, {
            key: m.key,
            kind: id,
            from: names[prev]!,
            to: label,
            atMs: nowMs,
            value,
          })
        }
      }
      if (!id.startsWith('tag:')) labels[id] = label
      return label
    },
    cat(id, raw) {
      let s = m.dwell[id]
      if (!s && tick) s = m.dwell[id] = dwellCreate()
      let label: string | null
      if (!tick) label = s?.initialized ? s.current : raw
      else {
        const change = updateDwell(s!, raw, nowMs, labelDwellMs(cfg, id))
        label = s!.current
        if (change && (change.from !== null || id.startsWith('tag:')) && label !== null) {
          pushShift(state.shifts, cfg.maxPendingShifts, {
            key: m.key,
            kind: id,
            from: change.from,
            to: label,
            atMs: nowMs,
            value: null,
          })
        }
      }
      if (!id.startsWith('tag:')) labels[id] = label
      return label
    },
  }
}

/**
 * Everything one market reports at nowMs. With tick = true (inside applyEvents) hysteresis advances and
 * regime shifts are queued; with tick = false (snapshots) the state is only read.
 */
export function evaluateMarket(
  state: ScoringState,
  m: MarketState,
  nowMs: number,
  tick: boolean,
  withCarry = true,
): Evaluation {
  const cfg = state.config
  const labels: Record<string, string | null> = {}
  const ctx = context(state, m, nowMs, tick, labels)
  const out = ctx.metrics
  const vol = volatilityMetrics(m.bars, cfg, nowMs, m.gaps, out)
  priceChange24h(m.bars, m.lastPrice, nowMs, m.asOfMs, out)
  const volRegime = ctx.band(
    'vol-regime',
    vol.ratio,
    [cfg.volContractRatio, cfg.volExpandRatio],
    ['contracting', 'stable', 'expanding'],
  )
  const funding = fundingMetrics(ctx)
  const oi = oiMetrics(ctx)
  const lsRatio = longShortMetrics(ctx)
  const flow = flowMetrics(ctx)
  const cross = crossMarketMetrics(state, ctx, withCarry, (ref) => referenceLsi(state, ref, nowMs))
  const basis = basisMetrics(ctx, basisPricing(state, cfg, m, nowMs))
  const prox = liquidationProximity(ctx)
  const s: Signals = {
    funding,
    oi,
    lsRatio,
    topPositionsRatio: out['ls-top-positions']!.value,
    liq: flow.liq,
    vpinCdf: flow.vpinCdf,
    vpinLevel: flow.vpinLevel,
    vol,
    volRegime,
    basis,
    liqProximity01: prox.value,
    liqProximityReason: prox.reason,
    depthRatio1: out[depthId(1)]?.value ?? null,
    corrRef: cross.corr,
    refLsi: cross.refLsi,
    refAsset: cfg.referenceAsset,
  }
  // A tick's evaluation is kept for its side effects only (labels, shifts, self samples): what nothing after
  // reads (spike probabilities, the self percentile, contradiction sentences) is built for snapshots alone.
  const lsi = ownLsi(s, cfg, out, m.asOfMs, m.isPerp, !tick)
  const carryNote = withCarry ? stressIndex(ctx, s, lsi) : null
  selfPercentile(ctx, out['lsi']?.value ?? lsi)
  const sc = scores(ctx, s, lsiParts(s, cfg, out))
  pillars(ctx, s)
  const delev = deleveraging(ctx, s)
  const tags = setupTags(ctx, s, sc, delev)
  const sentences = tick ? [] : contradictions(s, cfg)
  if (carryNote) sentences.push(carryNote)
  return {
    metrics: out,
    labels,
    tags,
    contradictions: sentences,
    lsi: withCarry ? (out['lsi']?.value ?? null) : lsi,
  }
}
