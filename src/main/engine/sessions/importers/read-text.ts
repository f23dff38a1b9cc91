/** A CSV header row starts with a non-numeric first field (Binance files exist with and without headers). */
export function isHeaderRow(line: string): boolean {
  const first = line.split(',', 1)[0]?.trim() ?? ''
  return first !== '' && !/^-?\d/.test(first)
}

/** Parses a numeric CSV field; empty means missing (null), never zero. */
export function num(field: string | undefined): number | null {
  if (field === undefined) return null
  const t = field.trim()
  if (t === '') return null
  const n = Number(t)
  return Number.isFinite(n) ? n : null
}
