import type { BinarySignalStats } from '../contract/evidence'

/** Suffix of a complement's signal id while the report is built; folded into its signal's row at the end. */
export const COMPLEMENT_SUFFIX = '~off'

/** `label:vpin-level=high` → `label:vpin-level`; other signals are their own family. */
function family(id: string): string | null {
  if (!id.startsWith('label:')) return null
  const eq = id.indexOf('=')
  return eq < 0 ? null : id.slice(0, eq)
}

/**
 * The complement of every on/off signal of one market: for a label value, the times the label showed another
 * value (undetermined times are neither); for a tag or a contradiction, every time it was not shown.
 */
export function complementSeries(
  binary: ReadonlyMap<string, Uint8Array>,
  n: number,
): Map<string, Uint8Array> {
  const determined = new Map<string, Uint8Array>()
  for (const [id, on] of binary) {
    const f = family(id)
    if (f === null) continue
    let d = determined.get(f)
    if (!d) determined.set(f, (d = new Uint8Array(n)))
    for (let i = 0; i < n; i++) d[i]! |= on[i]!
  }
  const out = new Map<string, Uint8Array>()
  for (const [id, on] of binary) {
    const f = family(id)
    const d = f === null ? null : determined.get(f)!
    const off = new Uint8Array(n)
    for (let i = 0; i < n; i++) off[i] = on[i] ? 0 : d === null ? 1 : d[i]!
    out.set(id + COMPLEMENT_SUFFIX, off)
  }
  return out
}

/** Puts each complement row beside its signal's row (same outcome and market) and drops it from the list. */
export function foldComplements(rows: BinarySignalStats[]): BinarySignalStats[] {
  const key = (r: BinarySignalStats, id = r.signalId): string => `${id}|${r.outcomeId}|${r.market}`
  const comps = new Map<string, BinarySignalStats>()
  for (const r of rows)
    if (r.signalId.endsWith(COMPLEMENT_SUFFIX))
      comps.set(key(r, r.signalId.slice(0, -COMPLEMENT_SUFFIX.length)), r)
  return rows
    .filter((r) => !r.signalId.endsWith(COMPLEMENT_SUFFIX))
    .map((r) => {
      const c = comps.get(key(r))
      return { ...r, complement: c ? { ...c, signalId: r.signalId } : null }
    })
}
