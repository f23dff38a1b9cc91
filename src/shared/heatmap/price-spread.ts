import type { PriceGrid } from './price-grid'
import { addCellMass, addLevel, LAYERS } from './price-grid'

/**
 * Spreads `usd` of positions over a triangular distribution of liquidation prices on [a, b] with mode c
 * (a ≤ c ≤ b), cell by cell: each cell gets the distribution's exact mass inside it and its exact first
 * moment, so the cell's level price stays the USD-weighted mean of the prices really put there.
 * A degenerate range (b − a below a millionth of the price) is one point at c. Pushes `cell × LAYERS + layer`
 * onto `touched` for every cell that received USD (duplicates possible; the caller dedupes once per bar).
 */
export function addTriangular(
  g: PriceGrid,
  layer: number,
  a: number,
  c: number,
  b: number,
  usd: number,
  touched: number[],
): void {
  const width = b - a
  if (!(width > c * 1e-6)) {
    touched.push(addLevel(g, layer, c, usd) * LAYERS + layer)
    return
  }
  const cs = g.cellSize
  const first = Math.floor(a / cs)
  const last = Math.floor(b / cs)
  // Density: rises linearly from 0 at a to 2/width at c, falls to 0 at b (continuous on [a, b]). On each
  // linear piece [p, q] with end densities fp, fq: mass (q − p)(fp + fq)/2, first moment
  // (q − p)/6 × (fp(2p + q) + fq(p + 2q)).
  const peak = 2 / width
  const up = c > a ? peak / (c - a) : 0
  const down = b > c ? peak / (b - c) : 0
  for (let cell = first; cell <= last; cell++) {
    const x0 = cell * cs > a ? cell * cs : a
    const x1 = (cell + 1) * cs < b ? (cell + 1) * cs : b
    if (!(x1 > x0)) continue
    const f0 = x0 <= c ? (c > a ? up * (x0 - a) : peak) : down * (b - x0)
    const f1 = x1 <= c ? (c > a ? up * (x1 - a) : peak) : down * (b - x1)
    let mass: number
    let moment: number
    if (x0 < c && c < x1) {
      const m1 = ((c - x0) * (f0 + peak)) / 2
      const m2 = ((x1 - c) * (peak + f1)) / 2
      mass = m1 + m2
      moment =
        ((c - x0) / 6) * (f0 * (2 * x0 + c) + peak * (x0 + 2 * c)) +
        ((x1 - c) / 6) * (peak * (2 * c + x1) + f1 * (c + 2 * x1))
    } else {
      mass = ((x1 - x0) * (f0 + f1)) / 2
      moment = ((x1 - x0) / 6) * (f0 * (2 * x0 + x1) + f1 * (x0 + 2 * x1))
    }
    if (mass <= 0) continue
    addCellMass(g, layer, cell, usd * mass, usd * moment)
    touched.push(cell * LAYERS + layer)
  }
}
