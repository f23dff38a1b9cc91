import type { EvalContext } from '../eval-context'
import { gapReason } from '../gaps'
import { DAY_MS, HOUR_MS, needs, na, ok } from '../metric'
import { fundingHistorySpanMs, fundingRank } from './funding-state'
import { fundingTrajectory } from './funding-trajectory'
import { fundingAprFromPerHour, fundingRatePerReferencePeriod } from './funding-units'

export const FUNDING_REGIMES = ['Very Low', 'Low', 'Typical', 'High', 'Very High'] as const
export const EXTREME_FUNDING: readonly string[] = ['Very Low', 'Very High']
export const TRAJECTORY_HOURS = [4, 8, 24] as const

export interface FundingResult {
  ratePerHour: number | null
  percentile: number | null
  regime: string | null
  accelPctPerHour: number | null
  traj4h: number | null
}

export function fundingMetrics(ctx: EvalContext): FundingResult {
  const { m, cfg, nowMs, metrics: out } = ctx
  const f = m.funding
  const res: FundingResult = {
    ratePerHour: null,
    percentile: null,
    regime: null,
    accelPctPerHour: null,
    traj4h: null,
  }
  const asOf = f.asOfMs
  if (f.ratePerHour === null || f.ratePerPeriod === null || f.intervalHours === null) {
    const why = m.isPerp ? 'no funding data yet' : 'spot market: no funding'
    for (const [id, unit] of FUNDING_IDS) out[id] = na(unit, why)
    ctx.band('funding-regime', null, cfg.fundingRegimePercentiles, FUNDING_REGIMES)
    ctx.band('funding-accel', null, [0], ['falling', 'rising'])
    return res
  }
  res.ratePerHour = f.ratePerHour
  out['funding-rate'] = ok(f.ratePerPeriod, `fraction/${f.intervalHours}h`, asOf)
  out['funding-rate-per-hour'] = ok(f.ratePerHour, 'fraction/h', asOf)
  out['funding-apr'] = ok(fundingAprFromPerHour(f.ratePerHour), 'APR', asOf)
  out['funding-interval'] = ok(f.intervalHours, 'h', asOf)

  // Percentile and z-score of the current hourly rate against the settled history.
  const span = fundingHistorySpanMs(f)
  const needMs = cfg.fundingMinHistoryDays * DAY_MS
  const gap = gapReason(m.gaps, 'funding', nowMs - cfg.fundingHistoryDays * DAY_MS, nowMs)
  if (span < needMs || gap) {
    const why = gap ?? needs('funding history', needMs, span)
    out['funding-percentile'] = na('fraction', why, asOf)
    out['funding-zscore'] = na('sigma', why, asOf)
  } else {
    const wr = fundingRank(f, f.ratePerHour)
    const partial =
      span < cfg.fundingHistoryDays * DAY_MS
        ? `based on ${Math.floor(span / DAY_MS)} d of the ${cfg.fundingHistoryDays} d window`
        : null
    res.percentile = wr ? wr.rank : null
    out['funding-percentile'] = wr ? ok(wr.rank, 'fraction', asOf) : na('fraction', 'empty history', asOf)
    out['funding-percentile']!.reason ??= partial
    out['funding-zscore'] =
      wr && wr.std > 0
        ? ok((f.ratePerHour - wr.mean) / wr.std, 'sigma', asOf)
        : na('sigma', 'funding never varied in the window', asOf)
  }
  res.regime = ctx.band('funding-regime', res.percentile, cfg.fundingRegimePercentiles, FUNDING_REGIMES)

  // Trajectory: change of the hourly rate over 4 / 8 / 24 h, from the sampled path or, before it, the settled history.
  for (const h of TRAJECTORY_HOURS)
    out[`funding-traj-${h}h`] = fundingTrajectory(f, m.gaps, h, nowMs, f.ratePerHour)
  res.traj4h = out['funding-traj-4h']!.value
  if (res.traj4h !== null) {
    // %/h: change of the reference-period (8 h) rate, in percent, per hour of the 4 h window.
    res.accelPctPerHour =
      (fundingRatePerReferencePeriod(res.traj4h, cfg.fundingAccelReferenceHours) * 100) / 4
    out['funding-accel'] = ok(res.accelPctPerHour, '%/h', asOf)
    // It rests on what the 4 h trajectory rests on.
    out['funding-accel']!.reason ??= out['funding-traj-4h']!.reason
  } else out['funding-accel'] = na('%/h', out['funding-traj-4h']!.reason ?? 'n/a', asOf)
  const flag = cfg.fundingAccelFlagPctPerHour
  ctx.band('funding-accel', res.accelPctPerHour, [-flag, flag], ['falling-fast', 'steady', 'rising-fast'])

  if (ctx.tick) {
    const extreme = res.regime !== null && EXTREME_FUNDING.includes(res.regime) ? res.regime : null
    if (extreme !== f.extremeLabel) {
      f.extremeLabel = extreme
      f.extremeSinceMs = extreme === null ? null : nowMs
    }
  }
  if (res.regime === null)
    out['funding-persistence'] = na('h', out['funding-percentile']!.reason ?? 'no regime yet', asOf)
  else {
    const since = EXTREME_FUNDING.includes(res.regime) ? f.extremeSinceMs : null
    out['funding-persistence'] = ok(since === null ? 0 : (nowMs - since) / HOUR_MS, 'h', asOf)
  }
  const oiUsd = m.oi.oiUsd
  out['funding-spend'] =
    oiUsd === null
      ? na('USD/h', 'no open interest in USD yet', asOf)
      : ok(f.ratePerHour * oiUsd, 'USD/h', asOf)
  return res
}

const FUNDING_IDS: [string, string][] = [
  ['funding-rate', 'fraction/period'],
  ['funding-rate-per-hour', 'fraction/h'],
  ['funding-apr', 'APR'],
  ['funding-interval', 'h'],
  ['funding-percentile', 'fraction'],
  ['funding-zscore', 'sigma'],
  ['funding-traj-4h', 'fraction/h'],
  ['funding-traj-8h', 'fraction/h'],
  ['funding-traj-24h', 'fraction/h'],
  ['funding-accel', '%/h'],
  ['funding-persistence', 'h'],
  ['funding-spend', 'USD/h'],
]
