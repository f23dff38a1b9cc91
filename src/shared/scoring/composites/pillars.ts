import type { EvalContext } from '../eval-context'
import { EXTREME_FUNDING } from '../funding/funding-metrics'
import { na, ok } from '../metric'
import type { Signals } from './signals'
import { LEVELS } from './stress-index'

/** Pillar-mean edges of the risk level (low 0, medium 1, high 2 per pillar). */
const RISK_EDGES = [0.75, 1.5] as const

/**
 * The three pillars (liquidation-cluster density, funding trajectory, order-flow toxicity), each low / medium /
 * high, combined by the mean of the available levels (low 0, medium 1, high 2).
 */
export function pillars(ctx: EvalContext, s: Signals): string | null {
  const { cfg, metrics: out } = ctx
  const lp = s.liqProximity01
  const liq = lp === null ? null : lp < 1 / 3 ? 0 : lp < 2 / 3 ? 1 : 2
  let fund: number | null = null
  const accel = s.funding.accelPctPerHour
  const extreme = s.funding.regime !== null && EXTREME_FUNDING.includes(s.funding.regime)
  if (accel !== null || s.funding.regime !== null) {
    const fast = accel !== null && Math.abs(accel) >= cfg.fundingAccelFlagPctPerHour
    const half = accel !== null && Math.abs(accel) >= cfg.fundingAccelFlagPctPerHour / 2
    fund = fast || (extreme && half) ? 2 : extreme || half ? 1 : 0
  }
  const tox = s.vpinLevel === null ? null : LEVELS.indexOf(s.vpinLevel as (typeof LEVELS)[number])
  const named: [string, number | null, string][] = [
    ['pillar-liquidation', liq, s.liqProximityReason ?? 'n/a'],
    ['pillar-funding', fund, out['funding-accel']?.reason ?? 'no funding trajectory'],
    ['pillar-toxicity', tox, out['vpin-cdf']?.reason ?? 'no VPIN'],
  ]
  const present: number[] = []
  const missing: string[] = []
  for (const [id, v, why] of named) {
    out[id] = v === null ? na('level 0-2', why) : ok(v, 'level 0-2', ctx.m.asOfMs)
    if (v === null) missing.push(`${id.slice(7)} (${why})`)
    else present.push(v)
  }
  if (present.length === 0) {
    out['risk-pillars'] = na('level 0-2', `no pillar available: ${missing.join('; ')}`)
    return ctx.band('risk-level', null, RISK_EDGES, LEVELS)
  }
  const mean = present.reduce((a, b) => a + b, 0) / present.length
  out['risk-pillars'] = ok(mean, 'level 0-2', ctx.m.asOfMs)
  if (missing.length > 0) out['risk-pillars']!.reason = `without ${missing.join('; ')}`
  // A band on the mean, with hysteresis and the label dwell: low < 0.75 ≤ medium < 1.5 ≤ high.
  return ctx.band('risk-level', mean, RISK_EDGES, LEVELS)
}
