import { z } from 'zod'
import type { BarCheckOptions } from '../heatmap/bar-check'
import type { BarCheckRun } from '../heatmap/bar-check-markets'

/**
 * The liquidation map's bar check on a session, as `radar heatmap-check` prints it: per market, Spearman's ρ
 * of the map over each bar's exact range against the realized liquidation totals, beside the |move| and
 * |move| × OI baselines, with day-block bootstrap intervals; every market not checked with its reason.
 */
export interface SessionBarCheck extends BarCheckRun {
  label: string
  options: BarCheckOptions
  /** Why nothing was checked (e.g. the session holds no liquidation bars); null when markets were run. */
  unavailableReason: string | null
}

export const heatmapCheckRequests = {
  /** A session the library lists, by its path as listSessions gives it. */
  runBarCheck: z.object({ path: z.string().min(1).max(4096) }).strict(),
} as const

export interface HeatmapCheckInvokeResponses {
  runBarCheck: SessionBarCheck
}
