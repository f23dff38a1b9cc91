import type { HeatmapConfigInput, LeverageLevel } from '../../../shared/heatmap/heatmap-config'
import type { ParsedArgs } from '../args'
import { numberOption, stringOption, UsageError } from '../args'

/** A number option with its default and its valid range; a bad value is a usage error naming it. */
export function numberIn(
  args: ParsedArgs,
  name: string,
  fallback: number,
  ok: (v: number) => boolean,
): number {
  const v = numberOption(args, name) ?? fallback
  if (!ok(v)) throw new UsageError(`--${name} ${v} is out of range`)
  return v
}

/** "10:0.5,50:0.5" → leverage levels; weights must add up to 1. */
export function parseLevels(text: string): LeverageLevel[] {
  const levels = text.split(',').map((part) => {
    const [l, w] = part.split(':').map(Number)
    if (!(l! >= 1 && w! >= 0 && w! <= 1)) throw new UsageError(`--levels: "${part}" is not leverage:weight`)
    return { leverage: l!, weight: w! }
  })
  const sum = levels.reduce((s, l) => s + l.weight, 0)
  if (Math.abs(sum - 1) > 1e-6) throw new UsageError(`--levels: weights add up to ${sum}, not 1`)
  return levels
}

/** The model assumptions given on the command line; absent ones keep the shipped defaults. */
export function heatmapModelOptions(args: ParsedArgs): Partial<HeatmapConfigInput> {
  const out: Partial<HeatmapConfigInput> = {}
  const levels = stringOption(args, 'levels')
  if (levels !== undefined) out.levels = parseLevels(levels)
  const spread = stringOption(args, 'price-spread')
  if (spread !== undefined) {
    if (spread !== 'triangular' && spread !== 'point')
      throw new UsageError(`--price-spread ${spread}: use triangular or point`)
    out.priceSpread = spread
  }
  if (args.options.has('leverage-spread'))
    out.leverageSpread = numberIn(args, 'leverage-spread', 0, (v) => v >= 0 && v < 1)
  if (args.options.has('position-usd'))
    out.positionNotionalUsd = numberIn(args, 'position-usd', 1, (v) => v > 0 && v <= 1e9)
  if (args.options.has('decay-hours'))
    out.decayHalfLifeSec = numberIn(args, 'decay-hours', 1, (v) => v > 0 && v <= 24 * 365) * 3600
  if (args.options.has('cell-pct'))
    out.cell = { kind: 'pct', fraction: numberIn(args, 'cell-pct', 0.1, (v) => v > 0 && v < 50) / 100 }
  return out
}
