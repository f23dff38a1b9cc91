import type { EvalContext } from '../eval-context'
import { EXTREME_FUNDING } from '../funding/funding-metrics'
import { HOUR_MS } from '../metric'
import type { Scores } from './scores'
import type { Signals } from './signals'

export const TAGS = {
  crowdedLongs: 'Crowded Longs (Fragile)',
  crowdedShorts: 'Crowded Shorts (Squeeze Risk)',
  postFlush: 'Deleveraging (Post-Flush)',
  stableTrend: 'Stable Trend (Tradeable)',
} as const

/** building / flushing / post-flush / neutral, debounced; remembers when a flush ended. */
export function deleveraging(ctx: EvalContext, s: Signals): string | null {
  const { cfg, m, nowMs } = ctx
  const regime = s.oi.regime
  const cascade = s.liq.cascade
  let raw: string | null = null
  if (regime !== null || (cascade !== null && cascade !== 'none')) {
    const falling = regime === 'Falling' || regime === 'Falling Fast'
    const flushing =
      (cascade !== null && cascade !== 'none') ||
      regime === 'Falling Fast' ||
      (falling && s.oi.drawdown24h !== null && s.oi.drawdown24h >= cfg.oiFlushDrawdown)
    const recent = m.lastFlushEndMs !== null && nowMs - m.lastFlushEndMs <= cfg.postFlushHours * HOUR_MS
    const rising = regime === 'Rising' || regime === 'Rising Fast'
    raw = flushing ? 'flushing' : recent && !rising ? 'post-flush' : rising ? 'building' : 'neutral'
  }
  const before = m.dwell['deleveraging']?.current ?? null
  const label = ctx.cat('deleveraging', raw)
  if (ctx.tick && before === 'flushing' && label !== 'flushing') m.lastFlushEndMs = nowMs
  return label
}

/** Setup tags, each debounced on its own; conditions in docs/methodology.md#setup-tags. */
export function setupTags(ctx: EvalContext, s: Signals, sc: Scores, delev: string | null): string[] {
  const { cfg } = ctx
  const c = sc.crowding
  const regime = s.funding.regime
  const ret4h = s.oi.priceChange
  const conditions: [string, boolean][] = [
    [
      TAGS.crowdedLongs,
      c !== null && c >= cfg.crowdedThreshold && (sc.fragility ?? 0) >= cfg.fragileThreshold,
    ],
    [
      TAGS.crowdedShorts,
      c !== null && c <= -cfg.crowdedThreshold && (sc.squeezeShort ?? 0) >= cfg.squeezeThreshold,
    ],
    [TAGS.postFlush, delev === 'post-flush'],
    [
      TAGS.stableTrend,
      sc.tradeability !== null &&
        sc.tradeability >= cfg.tradeableThreshold &&
        regime !== null &&
        !EXTREME_FUNDING.includes(regime) &&
        s.volRegime !== null &&
        s.volRegime !== 'expanding' &&
        c !== null &&
        Math.abs(c) < cfg.crowdedThreshold &&
        ret4h !== null &&
        Math.abs(ret4h) >= cfg.trendMinReturn4h &&
        s.oi.regime !== 'Falling Fast',
    ],
  ]
  const tags: string[] = []
  for (const [tag, on] of conditions) if (ctx.cat(`tag:${tag}`, on ? 'on' : 'off') === 'on') tags.push(tag)
  return tags
}
