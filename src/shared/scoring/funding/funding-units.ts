import { HOURS_PER_YEAR } from '../metric'

/**
 * The ONE place funding units are converted. Venues settle every 1, 2, 4 or 8 h, per market, and the
 * interval can change mid-stream, so every comparison goes through the rate per hour.
 */
export function fundingRatePerHour(ratePerPeriod: number, intervalHours: number): number {
  if (!(intervalHours > 0)) throw new Error(`funding interval must be > 0 h, got ${intervalHours}`)
  return ratePerPeriod / intervalHours
}

/** Simple (non-compounded) annual rate, the way venues quote funding APR. */
export function fundingAprFromPerHour(ratePerHour: number): number {
  return ratePerHour * HOURS_PER_YEAR
}

/** The per-hour rate expressed per `referenceHours` period (e.g. the 8 h rate traders quote). */
export function fundingRatePerReferencePeriod(ratePerHour: number, referenceHours: number): number {
  return ratePerHour * referenceHours
}
