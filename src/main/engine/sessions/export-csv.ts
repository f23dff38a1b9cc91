import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { MarketEvent, MarketEventType } from '../../../shared/market-event'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import type { PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import type { LiquidationProximityInput } from '../../../shared/scoring/market-state'
import { replaySessionReport } from './replay-report'
import { SessionReader } from './session-reader'
import { ParquetTable } from './export-parquet'
import { LineSpill } from './line-spill'

export type ExportFormat = 'csv' | 'parquet'

interface TableWriter {
  readonly columns: string[]
  rows: number
  row(values: unknown[]): void
  close(): void
}

function openTable(format: ExportFormat, dir: string, name: string, columns: string[]): TableWriter {
  return format === 'csv'
    ? new CsvFile(join(dir, `${name}.csv`), columns)
    : new ParquetTable(join(dir, `${name}.parquet`), columns)
}

/** Event fields written for each type, in column order; book levels are flattened to bidN/askN columns. */
const COMMON = ['exchangeTsMs', 'receiveTsMs', 'venue', 'symbol'] as const

export function csvField(v: unknown): string {
  if (v === null || v === undefined) return ''
  const s =
    typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

class CsvFile {
  private fd: number
  private pending: string[] = []
  rows = 0
  constructor(
    path: string,
    readonly columns: string[],
  ) {
    this.fd = openSync(path, 'w')
    this.pending.push(columns.join(','))
  }
  row(values: unknown[]): void {
    this.pending.push(values.map(csvField).join(','))
    this.rows++
    if (this.pending.length >= 4096) this.flush()
  }
  flush(): void {
    if (this.pending.length) writeSync(this.fd, `${this.pending.join('\n')}\n`)
    this.pending = []
  }
  close(): void {
    this.flush()
    closeSync(this.fd)
  }
}

function columnsFor(ev: MarketEvent, bookDepth: number): string[] {
  const rest = Object.keys(ev).filter((k) => k !== 'type' && !(COMMON as readonly string[]).includes(k))
  if (ev.type !== 'book') return [...COMMON, ...rest]
  const levels: string[] = []
  for (let i = 1; i <= bookDepth; i++)
    levels.push(`bid${i}Price`, `bid${i}QtyBase`, `ask${i}Price`, `ask${i}QtyBase`)
  return [...COMMON, 'sequence', ...levels]
}

function valuesFor(ev: MarketEvent, columns: string[]): unknown[] {
  if (ev.type === 'book') {
    const out: unknown[] = [ev.exchangeTsMs, ev.receiveTsMs, ev.venue, ev.symbol, ev.sequence]
    for (let i = 0; i < (columns.length - 5) / 4; i++) {
      out.push(ev.bids[i]?.[0], ev.bids[i]?.[1], ev.asks[i]?.[0], ev.asks[i]?.[1])
    }
    return out
  }
  const rec = ev as unknown as Record<string, unknown>
  return columns.map((c) => rec[c])
}

export interface ExportResult {
  files: { name: string; rows: number }[]
}

/** The liquidation map's outputs per row (the estimate the scores read), in the map's own units. */
const MAP_FIELDS = [
  'nearestAbovePrice',
  'nearestAboveUsd',
  'nearestBelowPrice',
  'nearestBelowUsd',
  'usdWithin1Pct',
  'usdWithin2Pct',
] as const satisfies readonly (keyof LiquidationProximityInput)[]

/**
 * Writes a session as CSV or Parquet: one table of raw events per event type (`trade`, `book`, ...) and
 * `metrics`, the scoring snapshot of every market at each multiple of `everyMs` of session time. A metrics
 * row stamped t holds only events stamped ≤ t (sparse sessions too): metrics, composites with their
 * coverage, labels, setup tags, contradictions and the liquidation map's outputs, scored with `config`
 * (the user's settings) exactly as the radar scores them.
 */
export function exportSession(
  path: string,
  outDir: string,
  opts: { everyMs?: number; bookDepth?: number; format?: ExportFormat; config?: PipelineConfig } = {},
): ExportResult {
  const format = opts.format ?? 'csv'
  mkdirSync(outDir, { recursive: true })
  const bookDepth = opts.bookDepth ?? 10
  const files = new Map<MarketEventType, TableWriter>()
  const reader = SessionReader.open(path)
  for (const ev of reader.events()) {
    let f = files.get(ev.type)
    if (!f) {
      f = openTable(format, outDir, ev.type, columnsFor(ev, bookDepth))
      files.set(ev.type, f)
    }
    f.row(valuesFor(ev, f.columns))
  }
  reader.close()
  for (const f of files.values()) f.close()

  // Metric names differ per market and appear over time: rows are spilled to disk while the names are
  // learned, then written with the final columns, so a long session never holds its series in memory.
  type Row = { tsMs: number; s: MarketSnapshot; map: LiquidationProximityInput | null }
  const spill = new LineSpill<Row>()
  const metricSet = new Set<string>()
  const labelSet = new Set<string>()
  try {
    replaySessionReport(path, {
      config: opts.config,
      snapshotEveryMs: opts.everyMs ?? 60_000,
      onSnapshots: (tsMs, snaps, pipeline) =>
        snaps.forEach((s) => {
          for (const m in s.metrics) metricSet.add(m)
          for (const l in s.labels) labelSet.add(l)
          spill.push({ tsMs, s, map: pipeline.core.scoring.markets.get(s.key)?.liqProximity ?? null })
        }),
    })
  } catch (err) {
    spill.dispose()
    throw err
  }
  const metricNames = [...metricSet].sort()
  const labelNames = [...labelSet].sort()
  const metrics = openTable(format, outDir, 'metrics', [
    'tsMs',
    'market',
    'asOfMs',
    'lastPrice',
    'eventCount',
    ...metricNames.flatMap((m) => [m, `${m}.unit`, `${m}.sufficient`, `${m}.reason`, `${m}.coverage`]),
    ...labelNames.map((l) => `label.${l}`),
    'tags',
    'contradictions',
    ...MAP_FIELDS.map((f) => `map.${f}`),
  ])
  for (const { tsMs, s, map } of spill.drain()) {
    metrics.row([
      tsMs,
      s.key,
      s.asOfMs,
      s.lastPrice,
      s.eventCount,
      ...metricNames.flatMap((m) => {
        const x = s.metrics[m]
        return [x?.value, x?.unit, x?.sufficient, x?.reason, x?.coverage?.weightShare]
      }),
      ...labelNames.map((l) => s.labels[l]),
      s.tags.join('|'),
      s.contradictions.join(' | '),
      ...MAP_FIELDS.map((f) => map?.[f]),
    ])
  }
  metrics.close()
  return {
    files: [
      ...[...files.entries()].map(([t, f]) => ({ name: `${t}.${format}`, rows: f.rows })),
      { name: `metrics.${format}`, rows: metrics.rows },
    ],
  }
}
