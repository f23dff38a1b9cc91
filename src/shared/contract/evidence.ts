import { z } from 'zod'

/**
 * The Evidence report: how often each signal of the scoring engine was followed by a large move, a drawdown or
 * a liquidation spike, against how often those happen at any time. Every rate carries its sample size; a rate
 * built on too few independent events says so in `status` instead of being presented as a finding.
 */

/** 'ok', or 'not-enough-events' with the reason in `statusReason` (the figures are still shown, marked). */
export type EvidenceStatus = 'ok' | 'not-enough-events'

export interface EvidenceInterval {
  lo: number
  hi: number
}

/** One outcome a trader asks about, e.g. "Will price drop more than 10 % within 72 h?". */
export interface EvidenceOutcome {
  /** `move-5%-24h`, `drop-10%-72h`, `liq-p95-1h`. */
  id: string
  kind: 'move' | 'drop' | 'liq-spike'
  horizonMs: number
  /** Threshold as a fraction (0.05 = 5 %); for liq-spike, the 95th percentile of forward liquidation USD. */
  threshold: number
  question: string
}

/** How often an outcome happened at any sample time of a market (or of all markets pooled). */
export interface EvidenceBaseRate {
  outcomeId: string
  market: string
  /** Sample times whose whole forward window lies inside the data. */
  samplesEvaluable: number
  samplesHit: number
  rate: number | null
  /** Non-overlapping windows the evaluable span holds: the honest sample size of `rate`. */
  independentWindows: number
  /** Separate occurrences (hit runs starting at least one horizon apart). */
  independentEvents: number
  ci95: EvidenceInterval | null
  /** Why the outcome could not be measured (no prices, span shorter than the horizon, no liquidations). */
  unavailableReason: string | null
}

export interface LeadTimeSummary {
  /** Time from signal onset to the first crossing of the threshold, for onsets that were hits. */
  count: number
  minMs: number | null
  p25Ms: number | null
  medianMs: number | null
  p75Ms: number | null
  maxMs: number | null
}

/** An on/off signal (regime label value, setup tag, composite level, contradiction) against one outcome. */
export interface BinarySignalStats {
  signalId: string
  outcomeId: string
  market: string
  /** Sample times the signal was on (overlapping windows; for reference only). */
  samplesOn: number
  /** Onsets (off → on) whose forward window was measurable, kept at least one horizon apart. */
  independentOnsets: number
  hits: number
  hitRate: number | null
  hitRateCi95: EvidenceInterval | null
  baseRate: number | null
  /** hitRate / baseRate; CI = the hit-rate Wilson bounds over the base rate (base rate uncertainty not included). */
  lift: number | null
  liftCi95: EvidenceInterval | null
  leadTime: LeadTimeSummary
  status: EvidenceStatus
  statusReason: string | null
  /**
   * The same figures for the signal's complement (off: a label showing another value, a tag not shown), so a
   * signal is never read alone: "risk low" with a high lift means little when "risk not low" lifts as much.
   * Null when the complement never started inside the measurable span.
   */
  complement?: Omit<BinarySignalStats, 'complement'> | null
}

export interface RocPoint {
  fpr: number
  tpr: number
  /** Score at or above which a time is called positive; null for the (0, 0) corner (above every score). */
  threshold: number | null
}

export interface CalibrationBin {
  lo: number
  hi: number
  samples: number
  /** Non-overlapping windows those samples stand for (samples × sample step / horizon). */
  effectiveN: number
  rate: number | null
  ci95: EvidenceInterval | null
}

/** A continuous score (the LSI and other composites) against one outcome. */
export interface ContinuousSignalStats {
  signalId: string
  outcomeId: string
  market: string
  samples: number
  positives: number
  negatives: number
  independentPositives: number
  /** Probability that a random outcome time scores above a random non-outcome time (ties count half). */
  auc: number | null
  /**
   * Hanley–McNeil (1982) interval with the independent counts (outcome events and non-overlapping windows
   * without the outcome), not the overlapping samples, so it is wide when the data is thin.
   */
  aucCi95: EvidenceInterval | null
  /** ROC points and score bins for the 0–100 composites; empty for other metrics (their AUC only). */
  roc: RocPoint[]
  calibration: CalibrationBin[]
  status: EvidenceStatus
  statusReason: string | null
}

/**
 * One bin of a reliability diagram: the mean predicted probability of the calibrated stress index in the bin,
 * the observed rate of its outcome there, and the samples behind it.
 */
export interface ReliabilityPoint {
  predicted: number
  observed: number
  n: number
}

/** Mean price path around signal onsets, relative to the price at onset. */
export interface EventStudy {
  signalId: string
  market: string
  onsets: number
  offsetsMs: number[]
  /** Mean of price(t0 + offset) / price(t0) − 1; null where no onset has a price at that offset. */
  meanReturn: (number | null)[]
  counts: number[]
}

export interface EvidenceSignalInfo {
  id: string
  /** score: a 0–100 composite; metric: any other continuous metric the radar shows (AUC only). */
  kind: 'label' | 'tag' | 'contradiction' | 'score' | 'metric'
  name: string
}

export interface LookAheadCheck {
  /** Sample times before this cut were recomputed with every event after it shuffled. */
  cutTsMs: number | null
  samplesCompared: number
  mismatches: number
  passed: boolean | null
  detail: string
}

export interface EvidenceSessionInfo {
  path: string
  label: string
  startTsMs: number | null
  endTsMs: number | null
  /** Perpetual markets measured (spot markets only feed basis). */
  markets: string[]
  sampleStepMs: number
  samples: number
  hasPrices: boolean
  hasLiquidations: boolean
  notes: string[]
  lookAhead: LookAheadCheck
}

export interface EvidenceReport {
  generatedAtMs: number
  horizonsMs: number[]
  moves: number[]
  /** Minimum independent onsets / events below which a figure is labelled "not enough events". */
  minEvents: number
  sessions: EvidenceSessionInfo[]
  outcomes: EvidenceOutcome[]
  signals: EvidenceSignalInfo[]
  /** Per market key plus 'all' (every market of every session pooled). */
  baseRates: EvidenceBaseRate[]
  binary: BinarySignalStats[]
  continuous: ContinuousSignalStats[]
  eventStudies: EventStudy[]
  /**
   * Reliability of the calibrated stress index (out of sample), when the run has one: predicted probability
   * against the observed outcome rate per bin. The screen and the HTML draw it when present.
   */
  reliability?: ReliabilityPoint[]
  /** Plain sentences: what could not be measured and why. */
  notes: string[]
}

export interface EvidenceProgress {
  runId: string
  /** 0..1 */
  fraction: number
  message: string
  state: 'running' | 'done' | 'failed' | 'cancelled'
}

export const POOLED_MARKET = 'all'

const HORIZON_RE = /^\d+(\.\d+)?(s|m|h|d)$/

export const evidenceRequests = {
  runEvidence: z
    .object({
      paths: z.array(z.string().min(1).max(4096)).min(1).max(50),
      horizons: z.array(z.string().regex(HORIZON_RE, 'a horizon like 1h, 30m, 3d')).min(1).max(8),
      /** Move thresholds as fractions: 0.02 = 2 %. */
      moves: z.array(z.number().gt(0).lt(1)).min(1).max(8),
    })
    .strict(),
  cancelEvidence: z.object({ runId: z.string().min(1).max(100) }).strict(),
} as const

export type RunEvidenceRequest = z.infer<(typeof evidenceRequests)['runEvidence']>

/** What the invoke channels answer (for `InvokeResponses` in src/shared/api.ts). */
export interface EvidenceInvokeResponses {
  /** Resolves when the run ends; a cancelled run rejects with "cancelled". */
  runEvidence: EvidenceReport
  cancelEvidence: { cancelled: boolean }
}

/** Events pushed while a run is under way (for `EventPayloads`): the runId is what `cancelEvidence` takes. */
export interface EvidenceEventPayloads {
  evidenceProgress: EvidenceProgress
}
