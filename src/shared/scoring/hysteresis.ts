/**
 * Debounced labels, so a value hovering at a boundary does not flap and flood alerts.
 * - Band labels (a number against ascending edges): leaving the current band needs the value to pass the
 *   next edge by `margin`.
 * - Categorical labels (tags, composite states): a new label must hold for `dwellMs` of exchange time.
 */

export interface BandLabelState {
  /** Index of the current band (0 = below edges[0]); -1 while undetermined. */
  index: number
}

/** Index of the band that holds v without hysteresis. */
export function rawBand(edges: readonly number[], v: number): number {
  let i = 0
  while (i < edges.length && v >= edges[i]!) i++
  return i
}

/** An absolute margin: `fraction` of the narrowest gap between consecutive edges (or of |edge| for one edge). */
export function bandMargin(edges: readonly number[], fraction: number): number {
  let gap = Infinity
  for (let i = 1; i < edges.length; i++) gap = Math.min(gap, edges[i]! - edges[i - 1]!)
  if (!Number.isFinite(gap)) gap = Math.abs(edges[0] ?? 0) || 1
  return fraction * gap
}

/** Updates the band with hysteresis; returns the band index. A null value makes the label undetermined. */
export function updateBand(
  s: BandLabelState,
  edges: readonly number[],
  margin: number,
  v: number | null,
): number {
  // An undetermined value shows no label but keeps the band, so hysteresis survives a short data hole.
  if (v === null || Number.isNaN(v)) return -1
  const raw = rawBand(edges, v)
  if (s.index < 0) {
    s.index = raw
    return raw
  }
  if (raw > s.index) {
    // Climb to the highest band whose lower edge v clears by the margin.
    let t = raw
    while (t > s.index && v < edges[t - 1]! + margin) t--
    s.index = t
  } else if (raw < s.index) {
    let t = raw
    while (t < s.index && v >= edges[t]! - margin) t++
    s.index = t
  }
  return s.index
}

export interface DwellLabelState {
  current: string | null
  candidate: string | null
  candidateSinceMs: number
  /** false until the first evaluation: the first label is adopted at once. */
  initialized: boolean
}

export function dwellCreate(): DwellLabelState {
  return { current: null, candidate: null, candidateSinceMs: 0, initialized: false }
}

/** Feeds the raw label at nowMs; returns the previous label when the debounced label changes, else undefined. */
export function updateDwell(
  s: DwellLabelState,
  raw: string | null,
  nowMs: number,
  dwellMs: number,
): { from: string | null } | undefined {
  if (!s.initialized) {
    s.initialized = true
    s.current = raw
    return undefined
  }
  if (raw === s.current) {
    s.candidate = null
    return undefined
  }
  if (raw !== s.candidate) {
    s.candidate = raw
    s.candidateSinceMs = nowMs
  }
  if (nowMs - s.candidateSinceMs < dwellMs) return undefined
  const from = s.current
  s.current = raw
  s.candidate = null
  return { from }
}
