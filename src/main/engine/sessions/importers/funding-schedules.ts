/**
 * Funding settlement schedules by venue, as the venues publish them (hours of the day, UTC). Used to check
 * that a funding history's timestamps really are UTC before importing it.
 */
export interface FundingSchedule {
  intervalHours: number
  hoursUtc: readonly number[]
}

const EIGHT_H_FROM_0: FundingSchedule = { intervalHours: 8, hoursUtc: [0, 8, 16] }

export const FUNDING_SCHEDULES: Readonly<Record<string, FundingSchedule>> = {
  binance: EIGHT_H_FROM_0,
  bybit: EIGHT_H_FROM_0,
  okx: EIGHT_H_FROM_0,
  htx: EIGHT_H_FROM_0,
  mexc: EIGHT_H_FROM_0,
  gate: EIGHT_H_FROM_0,
  kucoin: { intervalHours: 8, hoursUtc: [4, 12, 20] },
  // Hourly: every whole hour fits, so the offset of a dYdX file cannot be checked from its times.
  dydx: { intervalHours: 1, hoursUtc: Array.from({ length: 24 }, (_, h) => h) },
}

const HOUR_MS = 3_600_000

/** Venues stamp settlements a few ms after the hour (Binance: up to ~0.1 s); a minute is plenty. */
const TOLERANCE_MS = 60_000

/** True when a UTC time falls on one of the schedule's settlement hours (within a minute). */
export function fitsSchedule(tsUtcMs: number, s: FundingSchedule): boolean {
  const nearestHourMs = Math.round(tsUtcMs / HOUR_MS) * HOUR_MS
  if (Math.abs(tsUtcMs - nearestHourMs) > TOLERANCE_MS) return false
  const hour = (((nearestHourMs / HOUR_MS) % 24) + 24) % 24
  return s.hoursUtc.includes(hour)
}

/** Whole-hour offsets (−12…+14) under which at least `minShare` of the local times fit the schedule. */
export function offsetsThatFit(
  localAsUtcMs: readonly number[],
  s: FundingSchedule,
  minShare: number,
): number[] {
  const out: number[] = []
  for (let off = -12; off <= 14; off++) {
    let fit = 0
    for (const t of localAsUtcMs) if (fitsSchedule(t - off * HOUR_MS, s)) fit++
    if (localAsUtcMs.length > 0 && fit / localAsUtcMs.length >= minShare) out.push(off)
  }
  return out
}
