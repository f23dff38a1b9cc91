export interface PageProgress {
  task: string
  pages: number
  rows: number
  /** Fraction of the wanted window covered so far, 0..1. */
  fraction: number
  done: boolean
}

/**
 * Pages backwards from the newest rows (no end time on the first request) until the window `spanMs` before
 * the newest row is covered, a page comes back empty, or `maxPages` is reached. Anchoring on the newest row
 * rather than the local clock keeps this correct against a venue (or emulator) whose clock differs.
 */
export async function pageBackward<T>(
  task: string,
  fetchPage: (endMs: number | null) => Promise<T[]>,
  tsOf: (row: T) => number,
  spanMs: number,
  maxPages: number,
  onRows: (rows: T[]) => void,
  onProgress: (p: PageProgress) => void,
  /** Rows a full page holds (0: not known): a shorter page is the oldest the venue has, so none follows. */
  fullPage = 0,
): Promise<number> {
  let endMs: number | null = null
  let newest: number | null = null
  let rowsTotal = 0
  for (let page = 1; page <= maxPages; page++) {
    const rows = (await fetchPage(endMs)).filter((r) => Number.isFinite(tsOf(r)))
    if (rows.length === 0) break
    const oldest = Math.min(...rows.map(tsOf))
    newest ??= Math.max(...rows.map(tsOf))
    const from = newest - spanMs
    const wanted = rows.filter((r) => tsOf(r) >= from)
    onRows(wanted)
    rowsTotal += wanted.length
    const fraction = Math.min(1, (newest - oldest) / spanMs)
    const done = oldest <= from || page === maxPages || rows.length < fullPage
    onProgress({ task, pages: page, rows: rowsTotal, fraction, done })
    if (done) return rowsTotal
    endMs = oldest - 1
  }
  onProgress({ task, pages: 0, rows: rowsTotal, fraction: rowsTotal > 0 ? 1 : 0, done: true })
  return rowsTotal
}

/**
 * `pageBackward`, delivering the whole window once, oldest first, with each timestamp once. The scorer keeps
 * series (open interest, settled funding) in time order and drops a row older than the newest it holds, so
 * history paged newest-first would keep only its newest page.
 */
export async function pageBackwardOldestFirst<T>(
  ...[task, fetchPage, tsOf, spanMs, maxPages, onRows, onProgress, fullPage]: Parameters<
    typeof pageBackward<T>
  >
): Promise<number> {
  const byTs = new Map<number, T>()
  const keep = (rows: T[]): void => {
    for (const r of rows) if (!byTs.has(tsOf(r))) byTs.set(tsOf(r), r)
  }
  await pageBackward(task, fetchPage, tsOf, spanMs, maxPages, keep, onProgress, fullPage)
  const rows = [...byTs.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r)
  if (rows.length > 0) onRows(rows)
  return rows.length
}
