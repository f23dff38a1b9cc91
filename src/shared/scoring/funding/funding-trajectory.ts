import type { GapRecord } from '../gaps'
import { gapReason } from '../gaps'
import { HOUR_MS, needs, na, ok } from '../metric'
import type { Metric } from '../snapshot'
import { ringFirstTs, ringIndexAsOf, ringTs, ringVal } from '../stats/timed-ring'
import type { FundingState } from './funding-state'

/** A settled payment: its rate per hour and the period [startMs, endMs) it paid for. */
interface SettledPeriod {
  ratePerHour: number
  startMs: number
  endMs: number
}

/**
 * The settled payment whose period covers `tsMs` (start inclusive, funding time exclusive), or null when the
 * history holds none: not loaded yet, a hole in it, or `tsMs` inside the current period, not settled yet.
 */
export function settledPeriodAt(f: FundingState, tsMs: number): SettledPeriod | null {
  const h = f.history
  // The first payment after tsMs is the only one whose period can cover it.
  const i = ringIndexAsOf(h, tsMs) + 1
  if (i >= h.size) return null
  const endMs = ringTs(h, i)
  const startMs = endMs - ringVal(h, i, 1) * HOUR_MS
  return startMs <= tsMs ? { ratePerHour: ringVal(h, i, 0), startMs, endMs } : null
}

/** "08:00" on the day of `refMs`, else "12-07 08:00" (UTC). */
function utcClock(tsMs: number, refMs: number): string {
  const iso = new Date(tsMs).toISOString()
  const sameDay = iso.slice(0, 10) === new Date(refMs).toISOString().slice(0, 10)
  return sameDay ? iso.slice(11, 16) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`
}

/**
 * Change of the hourly rate over `hours`: now minus the rate in force at the window's start. The start is read
 * from the sampled path where it reaches back that far (unchanged from a path-only trajectory); before the path's
 * first sample (a warm start: the path begins at Go live) it is the settled rate of the period covering the
 * start, and the metric's note says so. The window's start inside the current, unsettled period stays n/a.
 */
export function fundingTrajectory(
  f: FundingState,
  gaps: readonly GapRecord[],
  hours: number,
  nowMs: number,
  ratePerHour: number,
): Metric {
  const asOf = f.asOfMs
  const target = nowMs - hours * HOUR_MS
  const first = ringFirstTs(f.path)
  const gap = gapReason(gaps, 'funding', target, nowMs)
  if (first !== null && first <= target) {
    if (gap) return na('fraction/h', gap, asOf)
    return ok(ratePerHour - ringVal(f.path, ringIndexAsOf(f.path, target)), 'fraction/h', asOf)
  }
  const pathShort = needs('funding path', hours * HOUR_MS, first === null ? 0 : nowMs - first)
  const settled = settledPeriodAt(f, target)
  if (!settled) {
    const last = f.history.size > 0 ? ringTs(f.history, f.history.size - 1) : null
    // The window starts after the newest payment: in the current period, whose rate is not settled yet.
    const open =
      last !== null && target >= last
        ? `; the window starts in the current funding period (since ${utcClock(last, nowMs)} UTC), not settled yet`
        : ''
    return na('fraction/h', pathShort + open, asOf)
  }
  if (gap) return na('fraction/h', gap, asOf)
  const m = ok(ratePerHour - settled.ratePerHour, 'fraction/h', asOf)
  if (m.value === null) return m
  const live = first === null ? '' : `; live path from ${utcClock(first, nowMs)} UTC`
  const period = `${utcClock(settled.startMs, nowMs)}–${utcClock(settled.endMs, settled.startMs)}`
  m.reason = `starts from the settled rate of ${period} UTC${live}`
  return m
}
