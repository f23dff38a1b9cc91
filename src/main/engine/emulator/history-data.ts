import { readFileSync } from 'node:fs'
import { METRIC_COLUMNS } from '../sessions/importers/futures-metrics-columns'
import type { MetricColumn } from '../sessions/importers/futures-metrics-columns'

/**
 * One 5-minute bar of Binance's futures-data endpoints as the metrics CSV holds it. Values stay the strings
 * the file has (the emulator serves them back verbatim); an empty cell is null.
 */
export interface MetricsBar {
  timestamp: number
  cells: Record<string, string | null>
}

export type { MetricColumn }

/**
 * The file repeats bars (the same bar polled 2-7 times, some copies partial): keep, per timestamp, the copy
 * with the most non-empty cells so no recorded value is lost.
 */
export function readMetricsCsv(path: string): MetricsBar[] {
  const lines = readFileSync(path, 'utf8').split('\n')
  const header = (lines[0] ?? '').split(',')
  const idx = new Map(header.map((h, i) => [h, i]))
  const tsCol = idx.get('timestamp')
  if (tsCol === undefined) throw new Error(`${path}:1: no "timestamp" column`)
  const best = new Map<number, { bar: MetricsBar; filled: number }>()
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string
    if (line.trim() === '') continue
    const f = line.split(',')
    const ts = Number(f[tsCol])
    if (!Number.isFinite(ts)) throw new Error(`${path}:${i + 1}: timestamp "${f[tsCol]}" is not a number`)
    const cells: Record<string, string | null> = {}
    let filled = 0
    for (const c of METRIC_COLUMNS) {
      const col = idx.get(c)
      const v = col === undefined ? '' : (f[col] ?? '')
      cells[c] = v === '' ? null : v
      if (v !== '') filled++
    }
    const prev = best.get(ts)
    if (!prev || filled > prev.filled) best.set(ts, { bar: { timestamp: ts, cells }, filled })
  }
  return [...best.values()].map((b) => b.bar).sort((a, b) => a.timestamp - b.timestamp)
}

export interface FundingRow {
  fundingTimeMs: number
  rate: string
}

/**
 * `Symbol,Date,Funding Rate` rows. The Date column of the binance/bybit files is local time UTC+3 (rows fall
 * at 03/11/19), so the offset is an explicit argument and is subtracted to get UTC.
 */
export function readFundingCsv(path: string, utcOffsetHours: number): FundingRow[] {
  const lines = readFileSync(path, 'utf8').split('\n')
  const rows: FundingRow[] = []
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim()
    if (line === '') continue
    const [, date, rate] = line.split(',')
    const localMs = Date.parse(`${(date ?? '').replace(' ', 'T')}Z`)
    if (!Number.isFinite(localMs) || rate === undefined || !Number.isFinite(Number(rate))) {
      throw new Error(`${path}:${i + 1}: expected "<symbol>,<date>,<rate>", got "${line}"`)
    }
    rows.push({ fundingTimeMs: localMs - utcOffsetHours * 3_600_000, rate })
  }
  return rows.sort((a, b) => a.fundingTimeMs - b.fundingTimeMs)
}

/**
 * Rows inside [startMs, endMs], `limit` of them: from the start when a start is given (Binance and Bybit
 * page forward from startTime), otherwise the newest ones ending at endMs.
 */
export function windowRows<T>(
  rows: readonly T[],
  tsOf: (r: T) => number,
  startMs: number | null,
  endMs: number | null,
  limit: number,
): T[] {
  const inRange = rows.filter(
    (r) => (startMs === null || tsOf(r) >= startMs) && (endMs === null || tsOf(r) <= endMs),
  )
  return startMs !== null ? inRange.slice(0, limit) : inRange.slice(Math.max(0, inRange.length - limit))
}
