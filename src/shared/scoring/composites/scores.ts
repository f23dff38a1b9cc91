import type { EvalContext } from '../eval-context'
import { clamp01 } from '../metric'
import type { Part, Signals, Weighted } from './signals'
import { compositeMetric, part, weightedMean } from './signals'

const clampSigned = (x: number): number => (x < -1 ? -1 : x > 1 ? 1 : x)

export interface Scores {
  crowding: number | null
  fragility: number | null
  squeezeLong: number | null
  squeezeShort: number | null
  tradeability: number | null
}

function put(ctx: EvalContext, id: string, r: Weighted, scale: number): number | null {
  const unit = id === 'crowding' ? 'score -100..100' : 'score 0-100'
  const m = compositeMetric(r, scale, unit, ctx.m.asOfMs, ctx.cfg.minCompositeCoverage, !ctx.tick)
  ctx.metrics[id] = m
  return m.value
}

/**
 * Crowding (-100 shorts .. +100 longs), fragility, squeeze risk per side and tradeability; each a weighted mean
 * of the parts that are present (see docs/methodology.md#crowding and following).
 */
export function scores(ctx: EvalContext, s: Signals, lsiParts: Record<string, Part>): Scores {
  const { cfg, metrics: out } = ctx
  const reasons = !ctx.tick
  const w = cfg.crowdingWeights
  const p = s.funding.percentile
  const crowd = weightedMean(
    {
      funding: {
        part: part(p === null ? null : 2 * p - 1, out['funding-percentile']?.reason ?? null),
        weight: w.funding,
      },
      'long/short': {
        part: part(
          s.lsRatio === null ? null : clampSigned(Math.log(s.lsRatio) / Math.log(cfg.longShortExtreme)),
          'no long/short ratio',
        ),
        weight: w.longShort,
      },
      basis: {
        part: part(
          s.basis.z === null ? null : clampSigned(s.basis.z / cfg.basisZBand),
          out['basis-z']?.reason ?? null,
        ),
        weight: w.basis,
      },
    },
    reasons,
  )
  const crowding = put(ctx, 'crowding', crowd, 100)
  const c = crowding === null ? null : crowding / 100
  ctx.band(
    'crowding-side',
    crowding,
    [-cfg.crowdedThreshold, cfg.crowdedThreshold],
    ['shorts', 'balanced', 'longs'],
  )

  // Fragility: half how crowded, half how leveraged / toxic / close to liquidation levels.
  const leverage = weightedMean(
    {
      'OI build': { part: lsiParts['oiBuild']!, weight: 1 },
      'liquidation proximity': { part: lsiParts['liquidationProximity']!, weight: 1 },
      toxicity: { part: part(s.vpinCdf, out['vpin-cdf']?.reason ?? null), weight: 1 },
    },
    reasons,
  )
  // Coverage: crowding carries half the weight (its own share of it), the three leverage inputs the rest.
  const crowdShare = crowding === null ? 0 : crowd.weightShare
  const fragCover = {
    present: (crowding === null ? 0 : 1) + leverage.present,
    total: 1 + leverage.total,
    weightShare: 0.5 * crowdShare + 0.5 * leverage.weightShare,
  }
  const frag: Weighted =
    c === null || leverage.value === null
      ? { value: null, missing: [...(c === null ? ['crowding'] : []), ...leverage.missing], ...fragCover }
      : { value: 0.5 * Math.abs(c) + 0.5 * leverage.value, missing: leverage.missing, ...fragCover }
  const fragility = put(ctx, 'fragility', frag, 100)

  // Squeeze: the crowded side's size times how close a trigger is (toxic flow, expanding vol, a cascade).
  const triggers = [
    s.vpinCdf,
    lsiParts['volatility']!.value,
    s.liq.cascade && s.liq.cascade !== 'none' ? 1 : null,
  ]
  const present = triggers.filter((x): x is number => x !== null)
  const trigger = present.length > 0 ? Math.max(...present) : 0
  const note = present.length === 0 ? ['triggers (VPIN, volatility, cascades all n/a)'] : []
  // A squeeze rests on the crowding it measures: its coverage is crowding's.
  const crowdCover = { present: crowd.present, total: crowd.total, weightShare: crowd.weightShare }
  const sq = (side: number): Weighted =>
    c === null
      ? { value: null, missing: ['crowding'], ...crowdCover }
      : { value: clamp01(side * c) * (0.5 + 0.5 * trigger), missing: note, ...crowdCover }
  const squeezeLong = put(ctx, 'squeeze-long', sq(1), 100)
  const squeezeShort = put(ctx, 'squeeze-short', sq(-1), 100)

  // Tradeability: 100 minus the frictions that make a clean position hard to hold.
  const d = s.depthRatio1
  const friction = weightedMean(
    {
      toxicity: { part: part(s.vpinCdf, out['vpin-cdf']?.reason ?? null), weight: 1 },
      volatility: { part: lsiParts['volatility']!, weight: 1 },
      'book imbalance': {
        part: part(
          d === null ? null : clamp01(Math.abs(Math.log(d)) / Math.LN2),
          out['depth-ratio-1']?.reason ?? null,
        ),
        weight: 1,
      },
      'funding stress': { part: lsiParts['fundingStress']!, weight: 1 },
      cascades: {
        part: part(s.liq.cascade === null ? null : s.liq.cascade === 'none' ? 0 : 1, 'no liquidation stream'),
        weight: 1,
      },
    },
    reasons,
  )
  const tradeability = put(
    ctx,
    'tradeability',
    { ...friction, value: friction.value === null ? null : 1 - friction.value },
    100,
  )
  return { crowding, fragility, squeezeLong, squeezeShort, tradeability }
}
