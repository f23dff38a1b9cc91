/**
 * Platt scaling of one score into a probability, p = 1 / (1 + exp(−(a + b · score))). Monotone by
 * construction (b ≥ 0), so it keeps the score's ranking and its AUC: calibration can make the index read as
 * a probability, never make it rank better. No imports: the scoring worker reads it on every evaluation.
 */
export interface PlattMapping {
  /** Intercept and slope on the raw score (not standardized): p = σ(a + b · score). */
  a: number
  b: number
  /** The scores seen in the fit: outside them the mapping is read at the nearest edge, not extrapolated. */
  scoreMin: number
  scoreMax: number
}

const sigmoid = (t: number): number => 1 / (1 + Math.exp(-t))

export function plattProbability(m: PlattMapping, score: number): number {
  const s = Math.min(m.scoreMax, Math.max(m.scoreMin, score))
  return sigmoid(m.a + m.b * s)
}
