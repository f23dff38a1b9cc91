import type { SizingVenue } from '../sizing/liquidation-for-leverage'
import type { MarginTier } from '../sizing/tiers'
import { tierTableProblems } from '../sizing/tiers'
import { HEATMAP_CALIBRATION } from './heatmap-calibration'

/** One assumed leverage level and the share of newly opened notional placed at it. */
export interface LeverageLevel {
  leverage: number
  /** Fraction of new notional (weights sum to 1). */
  weight: number
}

/** Price cells as a fixed fraction of the first price seen, or as a multiple of the early ATR. */
export type CellSizing = { kind: 'pct'; fraction: number } | { kind: 'atr'; multiple: number; bars: number }

export interface HeatmapConfig {
  levels: LeverageLevel[]
  /** Levels at or above this leverage form the "high" breakdown (25–100x), the rest the "low" one. */
  highLeverageMin: number
  cell: CellSizing
  /**
   * How each bar's new positions spread over price: 'triangular' = entries drawn from a triangular
   * distribution over the bar's low–high with its mode at the bar's VWAP; 'point' = all at the VWAP.
   */
  priceSpread: 'triangular' | 'point'
  /**
   * Width of the continuous leverage distribution around each configured leverage, as a relative spread of
   * the margin fraction 1/L: a triangular distribution over [1/L × (1 − s), 1/L × (1 + s)]; 0 = exactly L.
   */
  leverageSpread: number
  /** Estimated levels lose half their USD over this span, for positions closed without a trace in OI. */
  decayHalfLifeSec: number
  /** Bar length; 'auto' adopts the data's own resolution (the first candle or taker-volume period). */
  barSec: number | 'auto'
  /** Maintenance-margin tiers of the market (the venue's brackets); the caller loads them. */
  tiers: MarginTier[]
  /** Notional of one assumed position, which picks the tier (and so mmr and maintenance amount). */
  positionNotionalUsd: number
  venue: SizingVenue
  /** Heatmap columns kept for the chart (one per bar); the oldest go first. */
  historyBars: number
  /** Columns between full snapshots in the history (the rest are stored as cell changes). */
  snapshotEveryBars: number
  /** A cluster is a run of adjacent cells each holding at least this share of the largest cell. */
  clusterMinShareOfMax: number
}

/** The fitted leverage mix (see heatmap-calibration.ts for where it comes from). */
export const DEFAULT_LEVELS: readonly LeverageLevel[] = HEATMAP_CALIBRATION.levels

/** The spread the model uses unless told otherwise (see methodology-heatmap.md, calibration). */
export const DEFAULT_SPREAD: Pick<HeatmapConfig, 'priceSpread' | 'leverageSpread'> = {
  priceSpread: HEATMAP_CALIBRATION.priceSpread,
  leverageSpread: HEATMAP_CALIBRATION.leverageSpread,
}

/** Everything but the tiers has a default; the tiers must come from the venue for the market. */
export type HeatmapConfigInput = Partial<Omit<HeatmapConfig, 'tiers'>> & { tiers: MarginTier[] }

export function resolveHeatmapConfig(input: HeatmapConfigInput): HeatmapConfig {
  const cfg: HeatmapConfig = {
    levels: (input.levels ?? DEFAULT_LEVELS).map((l) => ({ ...l })),
    highLeverageMin: input.highLeverageMin ?? 25,
    cell: input.cell ?? { kind: 'pct', fraction: 0.001 },
    priceSpread: input.priceSpread ?? DEFAULT_SPREAD.priceSpread,
    leverageSpread: input.leverageSpread ?? DEFAULT_SPREAD.leverageSpread,
    decayHalfLifeSec: input.decayHalfLifeSec ?? HEATMAP_CALIBRATION.decayHalfLifeHours * 3600,
    barSec: input.barSec ?? 60,
    tiers: input.tiers,
    positionNotionalUsd: input.positionNotionalUsd ?? HEATMAP_CALIBRATION.positionNotionalUsd,
    venue: input.venue ?? 'binanceusdm',
    historyBars: input.historyBars ?? 30 * 1440,
    snapshotEveryBars: input.snapshotEveryBars ?? 240,
    clusterMinShareOfMax: input.clusterMinShareOfMax ?? 0.2,
  }
  const problems = heatmapConfigProblems(cfg)
  if (problems.length > 0) throw new Error(`heatmap config: ${problems.join('; ')}`)
  return cfg
}

export function heatmapConfigProblems(cfg: HeatmapConfig): string[] {
  const out: string[] = []
  if (cfg.levels.length === 0) out.push('levels: at least one leverage level is needed')
  cfg.levels.forEach((l, i) => {
    if (!(l.leverage >= 1)) out.push(`levels[${i}].leverage ${l.leverage} must be ≥ 1`)
    if (!(l.weight >= 0)) out.push(`levels[${i}].weight ${l.weight} must be ≥ 0`)
  })
  const sum = cfg.levels.reduce((s, l) => s + l.weight, 0)
  if (Math.abs(sum - 1) > 1e-9) out.push(`levels: weights sum to ${sum}, not 1`)
  if (cfg.cell.kind === 'pct' && !(cfg.cell.fraction > 0 && cfg.cell.fraction < 0.5))
    out.push(`cell.fraction ${cfg.cell.fraction} must be in (0, 0.5)`)
  if (
    cfg.cell.kind === 'atr' &&
    !(cfg.cell.multiple > 0 && Number.isInteger(cfg.cell.bars) && cfg.cell.bars >= 1)
  )
    out.push('cell: ATR sizing needs multiple > 0 and an integer bars ≥ 1')
  if (cfg.priceSpread !== 'triangular' && cfg.priceSpread !== 'point')
    out.push(`priceSpread ${String(cfg.priceSpread)} must be 'triangular' or 'point'`)
  if (!(cfg.leverageSpread >= 0 && cfg.leverageSpread < 1))
    out.push(`leverageSpread ${cfg.leverageSpread} must be in [0, 1)`)
  if (!(cfg.decayHalfLifeSec > 0)) out.push(`decayHalfLifeSec ${cfg.decayHalfLifeSec} must be > 0`)
  if (cfg.barSec !== 'auto' && !(cfg.barSec > 0)) out.push(`barSec ${cfg.barSec} must be > 0 or 'auto'`)
  if (!(cfg.positionNotionalUsd > 0)) out.push(`positionNotionalUsd ${cfg.positionNotionalUsd} must be > 0`)
  if (!(Number.isInteger(cfg.historyBars) && cfg.historyBars >= 1))
    out.push('historyBars must be an integer ≥ 1')
  if (!(Number.isInteger(cfg.snapshotEveryBars) && cfg.snapshotEveryBars >= 1))
    out.push('snapshotEveryBars must be an integer ≥ 1')
  if (!(cfg.clusterMinShareOfMax > 0 && cfg.clusterMinShareOfMax <= 1))
    out.push('clusterMinShareOfMax must be in (0, 1]')
  for (const p of tierTableProblems(cfg.tiers)) out.push(`tiers: ${p}`)
  return out
}
