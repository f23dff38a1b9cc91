import { num } from './read-text'
import { ImportRefused } from './types'

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ')

/** Rows a kline file's bar size is read from. */
const BAR_SIZE_ROWS = 64

/**
 * What the kline checks need, gathered row by row in constant memory (a file is read once before its events):
 * the first rows for the bar size, and whether every row so far has volume 0 with one sample count.
 */
export class KlineRowsSeen {
  rows = 0
  readonly head: string[][] = []
  zeroVolume = true
  readonly counts = new Set<string>()

  push(f: string[]): void {
    this.rows++
    if (this.head.length < BAR_SIZE_ROWS) this.head.push(f)
    if (!this.zeroVolume) return
    if (num(f[5]) !== 0) this.zeroVolume = false
    else if (this.counts.size < 2) this.counts.add((f[8] ?? '').trim())
  }

  /** Nothing further can change either check: the rest of the file need not be read. */
  get settled(): boolean {
    return !this.zeroVolume && this.head.length >= BAR_SIZE_ROWS
  }
}

/**
 * Mark-, index- and premium-price klines share the kline layout but trade nothing: volume 0 in every row and
 * the same sample count (one a second: 300 for 5 minutes). Stored as trade candles they would pose as a
 * traded market, so a klines file that looks like that is refused unless its folder says which it is.
 */
export function refuseIfPriceIndexKlines(file: string, seen: KlineRowsSeen): void {
  if (seen.rows < 2 || !seen.zeroVolume) return
  const counts = seen.counts
  if (counts.size === 1 && Number([...counts][0]) > 0) {
    throw new ImportRefused(
      `${file}: volume 0 and the same count (${[...counts][0]}) in every row: these are mark, index or premium-index klines, not trades; keep the markPriceKlines/, indexPriceKlines/ or premiumIndexKlines/ folder in the path`,
    )
  }
}

/** The bar size the rows say (close − open + 1 ms), when it differs from the one in the file name. */
export function barSizeMismatch(file: string, namedSec: number | null, rows: string[][]): number | null {
  const sizes = new Map<number, number>()
  for (const f of rows.slice(0, BAR_SIZE_ROWS)) {
    const open = num(f[0])
    const close = num(f[6])
    if (open === null || close === null) continue
    const scale = open > 1e14 ? 1000 : 1 // µs stamps (spot from 2025)
    const sec = Math.round((close / scale + 1 - open / scale) / 1000)
    sizes.set(sec, (sizes.get(sec) ?? 0) + 1)
  }
  const best = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
  if (best === undefined || best === namedSec) return null
  if (best <= 0) throw new ImportRefused(`${file}: kline close times precede their open times`)
  return best
}

export interface DepthBand {
  pct: number
  depth: number
  notional: number
}

/**
 * Data-quality notes for bookDepth snapshots: a crossed book (the −1 % bid band priced above the +1 % ask
 * band) and bands frozen at the same values for an hour or more are stretches a depth ratio must not trust.
 */
export function depthBandNotes(file: string, snapshots: Map<number, DepthBand[]>): string[] {
  const notes: string[] = []
  const times = [...snapshots.keys()].sort((a, b) => a - b)
  const vwap = (rows: DepthBand[], pct: number): number | null => {
    const r = rows.find((x) => x.pct === pct)
    return r && r.depth > 0 ? r.notional / r.depth : null
  }
  const crossed: number[] = []
  for (const t of times) {
    const rows = snapshots.get(t)!
    const bid = vwap(rows, -1)
    const ask = vwap(rows, 1)
    if (bid !== null && ask !== null && bid >= ask) crossed.push(t)
  }
  if (crossed.length) {
    notes.push(
      `${file}: crossed book in ${crossed.length} snapshot(s) from ${iso(crossed[0]!)} to ${iso(crossed.at(-1)!)} UTC (the −1 % bid band priced at or above the +1 % ask band); depth there is not a book.`,
    )
  }
  const HOUR = 3_600_000
  for (const pct of [-5, -4, -3, -2, -1, 1, 2, 3, 4, 5]) {
    let start: number | null = null
    let prev: string | null = null
    let last = 0
    const flush = (): void => {
      if (start !== null && last - start >= HOUR) {
        notes.push(
          `${file}: the ${pct > 0 ? '+' : ''}${pct} % band is frozen from ${iso(start)} to ${iso(last)} UTC (${((last - start) / HOUR).toFixed(1)} h of identical values).`,
        )
      }
    }
    for (const t of times) {
      const r = snapshots.get(t)!.find((x) => x.pct === pct)
      const key = r ? `${r.depth}|${r.notional}` : null
      if (key !== null && key === prev) {
        last = t
      } else {
        flush()
        start = key === null ? null : t
        last = t
      }
      prev = key
    }
    flush()
  }
  return notes
}
