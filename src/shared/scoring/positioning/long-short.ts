import type { LongShortEvent, LongShortKind } from '../../market-event'
import type { EvalContext } from '../eval-context'
import { MINUTE_MS, na, ok } from '../metric'

/** Latest long/short ratio per kind; venues publish them on 5-minute (or longer) periods. */
export type LongShortState = Record<
  LongShortKind,
  { ratio: number; asOfMs: number; periodMinutes: number } | null
>

export function longShortCreate(): LongShortState {
  return { globalAccounts: null, topAccounts: null, topPositions: null }
}

export function longShortApply(s: LongShortState, ev: LongShortEvent): void {
  if (!(ev.ratio > 0) || !Number.isFinite(ev.ratio)) {
    throw new Error(
      `long/short ${ev.venue}:${ev.symbol} ${ev.kind} at ${ev.exchangeTsMs}: ratio must be > 0, got ${ev.ratio}`,
    )
  }
  const cur = s[ev.kind]
  if (cur && ev.exchangeTsMs < cur.asOfMs) return
  s[ev.kind] = { ratio: ev.ratio, asOfMs: ev.exchangeTsMs, periodMinutes: ev.periodMinutes }
}

const IDS: Record<LongShortKind, string> = {
  globalAccounts: 'ls-global',
  topAccounts: 'ls-top-accounts',
  topPositions: 'ls-top-positions',
}

/** Stale after three missed periods: an old ratio is not today's positioning. */
const STALE_PERIODS = 3

/** Returns the ratio the crowding score uses: global accounts, else top positions, else top accounts. */
export function longShortMetrics(ctx: EvalContext): number | null {
  const s = ctx.m.longShort
  for (const kind of Object.keys(IDS) as LongShortKind[]) {
    const v = s[kind]
    const id = IDS[kind]
    if (!v) ctx.metrics[id] = na('ratio', 'not published for this market')
    else if (ctx.nowMs - v.asOfMs > STALE_PERIODS * v.periodMinutes * MINUTE_MS) {
      ctx.metrics[id] = na(
        'ratio',
        `stale: last value ${Math.round((ctx.nowMs - v.asOfMs) / MINUTE_MS)} min old`,
        v.asOfMs,
      )
    } else ctx.metrics[id] = ok(v.ratio, 'ratio', v.asOfMs)
  }
  const ratio =
    ctx.metrics['ls-global']!.value ??
    ctx.metrics['ls-top-positions']!.value ??
    ctx.metrics['ls-top-accounts']!.value
  // Symmetric in log space: 1.5 and 1/1.5 are equally extreme.
  const x = ctx.cfg.longShortExtreme
  ctx.band(
    'ls-extreme',
    ratio === null ? null : Math.log(ratio),
    [-Math.log(x), Math.log(x)],
    ['short-extreme', 'balanced', 'long-extreme'],
  )
  return ratio
}
