import { basename } from 'node:path'
import type { EvidenceReport, EvidenceSessionInfo, LookAheadCheck } from '../../../shared/contract/evidence'
import { isPerpSymbol, parseMarketKey } from '../../../shared/market-event'
import { buildEvidenceReport, MIN_EVENTS } from '../../../shared/evidence/build-report'
import { compareBeforeCut, shuffleFuture } from '../../../shared/evidence/look-ahead'
import { sampleSignals } from '../../../shared/evidence/sample-signals'
import type { SampledSession } from '../../../shared/evidence/series'
import { FrameType } from '../sessions/format'
import { SessionReader } from '../sessions/session-reader'
import { bundledTiersLookup } from '../scoring/tiers-lookup'
import type { PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import { DEFAULT_PIPELINE_CONFIG } from '../../../shared/scoring/scoring-pipeline'
import { configForSession } from '../../../shared/scoring/config-for-session'

export interface EvidenceOptions {
  horizonsMs: number[]
  /** Move thresholds as fractions (0.05 = 5 %). */
  moves: number[]
  /** Grid step; default: a twelfth of the shortest horizon, between 1 s and 5 min. */
  stepMs?: number
  minEvents?: number
  /** Replay up to cuts at a quarter, half and three quarters with the rest shuffled and compare (default on). */
  lookAheadCheck?: boolean
  /** The user's scoring settings (defaults when absent): Evidence scores what the radar shows. */
  config?: PipelineConfig
}

/** Look-ahead cuts as fractions of the sampled span: a leak late in a long session is caught too. */
const LOOK_AHEAD_CUTS = [0.25, 0.5, 0.75]

export interface EvidenceProgressUpdate {
  fraction: number
  message: string
}

export class EvidenceCancelled extends Error {
  constructor() {
    super('cancelled')
  }
}

const SHUFFLE_SEED = 20240509

export function defaultStepMs(horizonsMs: readonly number[]): number {
  const s = Math.floor(Math.min(...horizonsMs) / 12 / 1000) * 1000
  return Math.min(300_000, Math.max(1000, s))
}

/** Whether a session's events include prices (trades or last-price candles); unknown counts are read as yes. */
function holdsPrices(reader: SessionReader): boolean | null {
  const c = reader.metadata.eventCounts
  if (Object.keys(c).length === 0) return null
  return (c.trade ?? 0) + (c.candle ?? 0) > 0
}

function eventTotal(reader: SessionReader): number {
  return reader.frames.reduce((n, f) => n + (f.type === FrameType.events ? f.count : 0), 0)
}

/**
 * Computes the Evidence report of one or more sessions in this thread (the worker calls it). Signals are read
 * from a replay of each session through the scoring functions; outcomes from the session's own prices.
 */
export function computeEvidence(
  paths: readonly string[],
  opts: EvidenceOptions,
  onProgress: (p: EvidenceProgressUpdate) => void = () => {},
  isCancelled: () => boolean = () => false,
): EvidenceReport {
  const stepMs = opts.stepMs ?? defaultStepMs(opts.horizonsMs)
  const check = opts.lookAheadCheck ?? true
  const sessions: { info: EvidenceSessionInfo; sampled: SampledSession | null }[] = []
  const notes: string[] = []
  paths.forEach((path, k) => {
    const reader = SessionReader.open(path)
    try {
      const label = reader.metadata.label || basename(path)
      const total = Math.max(1, eventTotal(reader))
      const share = 1 / paths.length
      const passShare = check ? [2 / 3, 1 / 3] : [1, 0]
      const tick =
        (pass: 0 | 1, what: string) =>
        (read: number): void => {
          if (isCancelled()) throw new EvidenceCancelled()
          const within = (pass === 1 ? passShare[0]! : 0) + passShare[pass]! * Math.min(1, read / total)
          onProgress({
            fraction: (k + within) * share,
            message: `${label}: ${what} (${read} of ${total} events)`,
          })
        }
      const prices = holdsPrices(reader)
      const sessionNotes = [...reader.notes()]
      let sampled: SampledSession | null = null
      let lookAhead: LookAheadCheck = {
        cutTsMs: null,
        samplesCompared: 0,
        mismatches: 0,
        passed: null,
        detail: 'not run',
      }
      if (prices === false) {
        const kinds = Object.keys(reader.metadata.eventCounts).join(', ')
        sessionNotes.push(
          `holds no prices (only ${kinds}): no move, drop or liquidation outcome can be measured.`,
        )
      } else {
        const config = configForSession(opts.config ?? DEFAULT_PIPELINE_CONFIG, reader.metadata)
        const scoring = { config, tiersFor: bundledTiersLookup() }
        sampled = sampleSignals(reader.events(), {
          stepMs,
          ...scoring,
          onEvents: tick(0, 'replaying through scoring'),
        })
        if (sampled && check) {
          const full = sampled
          const checks = LOOK_AHEAD_CUTS.map((f) => {
            const cut = full.startMs + Math.floor(full.n * f) * stepMs
            const scrambled = sampleSignals(shuffleFuture(reader.events(), cut, SHUFFLE_SEED), {
              stepMs,
              ...scoring,
              untilTsMs: cut,
              onEvents: tick(1, `look-ahead check at ${Math.round(f * 100)} % of the span`),
            })
            return compareBeforeCut(full, scrambled, cut)
          })
          const failed = checks.find((c) => c.passed === false)
          lookAhead = {
            cutTsMs: checks[checks.length - 1]!.cutTsMs,
            samplesCompared: checks.reduce((a, c) => a + c.samplesCompared, 0),
            mismatches: checks.reduce((a, c) => a + c.mismatches, 0),
            passed: failed ? false : true,
            detail: failed
              ? failed.detail
              : `identical signals before each of ${checks.length} cuts (${LOOK_AHEAD_CUTS.map((f) => `${f * 100} %`).join(', ')} of the span) with every later event shuffled`,
          }
          if (lookAhead.passed === false) notes.push(`${label}: ${lookAhead.detail}`)
        }
      }
      const perps = (sampled?.markets.map((m) => m.market) ?? reader.metadata.markets).filter((key) =>
        isPerpSymbol(parseMarketKey(key).symbol),
      )
      const hasPrices = sampled?.markets.some((m) => m.close.some((p) => p > 0)) ?? false
      if (sampled && !hasPrices)
        sessionNotes.push('no perpetual market in it has a price: outcomes cannot be measured.')
      sessions.push({
        info: {
          path,
          label,
          ...spanOf(reader),
          markets: perps,
          sampleStepMs: stepMs,
          samples: sampled?.n ?? 0,
          hasPrices,
          hasLiquidations: sampled?.markets.some((m) => m.liqUsd !== null) ?? false,
          notes: sessionNotes,
          lookAhead,
        },
        sampled,
      })
    } finally {
      reader.close()
    }
  })
  onProgress({ fraction: 0.99, message: 'computing statistics' })
  return buildEvidenceReport({
    sessions,
    horizonsMs: opts.horizonsMs,
    moves: opts.moves,
    minEvents: opts.minEvents ?? MIN_EVENTS,
    nowMs: Date.now(),
    notes,
  })
}

function spanOf(reader: SessionReader): { startTsMs: number | null; endTsMs: number | null } {
  const s = reader.span
  return { startTsMs: s.startTsMs, endTsMs: s.endTsMs }
}
