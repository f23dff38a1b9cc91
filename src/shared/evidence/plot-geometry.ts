import type { CalibrationBin, EventStudy, ReliabilityPoint, RocPoint } from '../contract/evidence'

/**
 * SVG geometry of the three Evidence plots, shared by the HTML report and the React screen so both draw the
 * same thing. Coordinates are in a box of `width` × `height` with `pad` margins; y grows downwards.
 */
export interface PlotBox {
  width: number
  height: number
  pad: number
}

export const DEFAULT_BOX: PlotBox = { width: 260, height: 200, pad: 30 }

const r1 = (v: number): number => Math.round(v * 10) / 10

export function scaleX(box: PlotBox, v: number, lo: number, hi: number): number {
  return r1(box.pad + ((v - lo) / (hi - lo || 1)) * (box.width - 2 * box.pad))
}

export function scaleY(box: PlotBox, v: number, lo: number, hi: number): number {
  return r1(box.height - box.pad - ((v - lo) / (hi - lo || 1)) * (box.height - 2 * box.pad))
}

/** A polyline through the points, skipping nulls (a gap starts a new segment). */
export function linePath(
  box: PlotBox,
  pts: readonly (readonly [number, number | null])[],
  x: [number, number],
  y: [number, number],
): string {
  let d = ''
  let pen = false
  for (const [px, py] of pts) {
    if (py === null) {
      pen = false
      continue
    }
    d += `${pen ? 'L' : 'M'}${scaleX(box, px, x[0], x[1])} ${scaleY(box, py, y[0], y[1])}`
    pen = true
  }
  return d
}

export interface RocGeometry {
  curve: string
  diagonal: string
}

export function rocGeometry(points: readonly RocPoint[], box = DEFAULT_BOX): RocGeometry {
  return {
    curve: linePath(
      box,
      points.map((p) => [p.fpr, p.tpr] as const),
      [0, 1],
      [0, 1],
    ),
    diagonal: linePath(
      box,
      [
        [0, 0],
        [1, 1],
      ],
      [0, 1],
      [0, 1],
    ),
  }
}

export interface CalibrationMark {
  cx: number
  cy: number
  /** Interval whisker, top and bottom y. */
  y1: number
  y2: number
  samples: number
  label: string
}

/** Observed outcome rate per score bin, with its interval; the y-axis runs 0..max(rate hi, 0.1). */
export function calibrationGeometry(
  bins: readonly CalibrationBin[],
  box = DEFAULT_BOX,
): { marks: CalibrationMark[]; yMax: number } {
  const yMax = Math.max(0.1, ...bins.map((b) => b.ci95?.hi ?? b.rate ?? 0))
  const marks: CalibrationMark[] = []
  for (const b of bins) {
    if (b.rate === null) continue
    marks.push({
      cx: scaleX(box, (b.lo + b.hi) / 2, 0, 100),
      cy: scaleY(box, b.rate, 0, yMax),
      y1: scaleY(box, b.ci95?.hi ?? b.rate, 0, yMax),
      y2: scaleY(box, b.ci95?.lo ?? b.rate, 0, yMax),
      samples: b.samples,
      label: `${b.lo}–${b.hi}: ${(b.rate * 100).toFixed(1)} % of ${b.samples}`,
    })
  }
  return { marks, yMax }
}

export interface EventStudyGeometry {
  path: string
  zeroY: number
  onsetX: number
  /** Symmetric y range in fractions (±yAbs). */
  yAbs: number
  xMinMs: number
  xMaxMs: number
}

export function eventStudyGeometry(s: EventStudy, box = DEFAULT_BOX): EventStudyGeometry {
  const xMin = s.offsetsMs[0] ?? 0
  const xMax = s.offsetsMs.at(-1) ?? 1
  const yAbs = Math.max(0.001, ...s.meanReturn.map((v) => Math.abs(v ?? 0)))
  return {
    path: linePath(
      box,
      s.offsetsMs.map((o, i) => [o, s.meanReturn[i] ?? null] as const),
      [xMin, xMax],
      [-yAbs, yAbs],
    ),
    zeroY: scaleY(box, 0, -yAbs, yAbs),
    onsetX: scaleX(box, 0, xMin, xMax),
    yAbs,
    xMinMs: xMin,
    xMaxMs: xMax,
  }
}

export interface ReliabilityMark {
  cx: number
  cy: number
  /** Radius by the square root of the bin's share of samples (2–6 px). */
  r: number
  label: string
}

/**
 * Reliability diagram of a calibrated probability: observed rate against predicted per bin, both axes
 * 0..max(every value, 0.1), with the diagonal a perfectly calibrated forecast lies on.
 */
export function reliabilityGeometry(
  points: readonly ReliabilityPoint[],
  box = DEFAULT_BOX,
): { marks: ReliabilityMark[]; diagonal: string; max: number } {
  const max = Math.max(0.1, ...points.flatMap((p) => [p.predicted, p.observed]))
  const nMax = Math.max(1, ...points.map((p) => p.n))
  return {
    marks: points.map((p) => ({
      cx: scaleX(box, p.predicted, 0, max),
      cy: scaleY(box, p.observed, 0, max),
      r: r1(2 + 4 * Math.sqrt(p.n / nMax)),
      label: `predicted ${(p.predicted * 100).toFixed(1)} %, observed ${(p.observed * 100).toFixed(1)} % of ${p.n}`,
    })),
    diagonal: linePath(
      box,
      [
        [0, 0],
        [max, max],
      ],
      [0, max],
      [0, max],
    ),
    max,
  }
}
