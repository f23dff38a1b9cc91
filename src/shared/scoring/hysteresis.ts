/**
 * Debounced labels, so a value hovering at a boundary does not flap and flood alerts.
 * - Band labels (a number against ascending edges): leaving the current band needs the value to pass the
 *   next edge by `margin`, and to stay past it for `dwellMs` of exchange time.
 * - Categorical labels (tags, composite states): a new label must hold for `dwellMs` of exchange time.
 * Time is the events' time, never a count of evaluations, so the timing holds however often a market is
 * evaluated (every second, on demand, or once per bar in a session of bars).
 */

export interface BandLabelState {
  /** Index of the band shown (0 = below edges[0]); -1 while undetermined. */
  index: number
  /** Band the value has moved to (past the margin) but not yet held for the dwell time; -1 for none. */
  pending?: number
  /** Event time the value first stood in the pending band's direction. */
  pendingSinceMs?: number
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

/** The band v belongs to seen from band `from`: leaving it needs v past the next edge by `margin`. */
function bandFrom(from: number, edges: readonly number[], margin: number, v: number): number {
  const raw = rawBand(edges, v)
  if (raw > from) {
    // Climb to the highest band whose lower edge v clears by the margin.
    let t = raw
    while (t > from && v < edges[t - 1]! + margin) t--
    return t
  }
  let t = raw
  while (t < from && v >= edges[t]! - margin) t++
  return t
}

/**
 * Updates the band with hysteresis and a minimum dwell; returns the band index shown. A null value makes the
 * label undetermined. With `dwellMs` > 0 a new band is adopted only once the value has stood past the margin
 * on the same side for `dwellMs` of event time (`nowMs`), however often or rarely it is evaluated: a value
 * that returns inside the shown band restarts the wait, one that moves on further (two bands up) keeps it.
 */
export function updateBand(
  s: BandLabelState,
  edges: readonly number[],
  margin: number,
  v: number | null,
  nowMs = 0,
  dwellMs = 0,
): number {
  // An undetermined value shows no label but keeps the band, so hysteresis survives a short data hole.
  if (v === null || Number.isNaN(v)) return -1
  if (s.index < 0) {
    s.index = rawBand(edges, v)
    s.pending = -1
    return s.index
  }
  const target = bandFrom(s.index, edges, margin, v)
  if (target === s.index) {
    s.pending = -1
    return s.index
  }
  const pending = s.pending ?? -1
  const sameSide = pending >= 0 && pending > s.index === target > s.index
  if (!sameSide) s.pendingSinceMs = nowMs
  s.pending = target
  if (nowMs - (s.pendingSinceMs ?? nowMs) >= dwellMs) {
    s.index = target
    s.pending = -1
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
