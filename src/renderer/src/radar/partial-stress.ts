import type { Metric } from '../../../shared/scoring/snapshot'

/**
 * A stress index under its coverage floor has no value (no level, no rank, no alert), but the figure over the
 * inputs present is kept: the row shows it muted beside the n/a with how many inputs it rests on, never as a
 * level. Null when the index is whole, or when not one input is present (then there is no figure at all).
 */
export function partialStressText(metric: Metric | undefined): string | null {
  const c = metric?.coverage
  if (!c?.partial || c.partialValue === null) return null
  return `~${c.partialValue.toFixed(0)} · ${c.present}/${c.total} inputs`
}
