import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CandleEvent } from '../../../shared/market-event'
import { exportSession } from './export-csv'
import { SessionWriter } from './session-writer'

const H = 3_600_000
const T0 = Date.UTC(2026, 2, 1)

/**
 * 30 hourly bars stamped half an hour after they open (as a venue stamps a reading mid-bar), close = 100 +
 * bar index: the batch after a grid time often comes half an hour later, where a row used to be stamped
 * with the first batch after t, and so held data from after t.
 */
function hourlySession(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'radar-export-')), 'hourly.radar')
  const w = SessionWriter.open(path, {
    label: 'hourly',
    source: { kind: 'import', format: 'test', files: [] },
    provenance: 'synthetic test input',
    importer: null,
  })
  const bars: CandleEvent[] = Array.from({ length: 30 }, (_, i) => ({
    type: 'candle',
    venue: 'binanceusdm',
    symbol: 'BTC/USDT:USDT',
    exchangeTsMs: T0 + i * H + H / 2,
    receiveTsMs: T0 + i * H + H / 2,
    priceKind: 'last',
    intervalSec: 3600,
    openTsMs: T0 + i * H,
    open: 100 + i,
    high: 101 + i,
    low: 99 + i,
    close: 100 + i,
    volumeBase: null,
    volumeUsd: null,
  }))
  w.append(bars)
  w.close()
  return path
}

/** One CSV line into fields (RFC 4180 quoting: reasons hold commas). */
function splitCsvLine(line: string): string[] {
  const out: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"'
      i++
    } else if (c === '"') {
      quoted = !quoted
    } else if (c === ',' && !quoted) {
      out.push(field)
      field = ''
    } else {
      field += c
    }
  }
  out.push(field)
  return out
}

describe('export without look-ahead', () => {
  it('stamps a row t with only events up to t, in a session of hourly bars', () => {
    const out = mkdtempSync(join(tmpdir(), 'radar-export-out-'))
    exportSession(hourlySession(), out, { everyMs: H })
    const [header, ...lines] = readFileSync(join(out, 'metrics.csv'), 'utf8').trim().split('\n')
    const cols = header!.split(',')
    const at = (row: string[], name: string) => row[cols.indexOf(name)]!
    const rows = lines.map(splitCsvLine)
    // The first bar is stamped at T0 + 30 min: rows on the hour from T0 + 1 h to T0 + 30 h (one after the end).
    expect(rows.map((r) => Number(at(r, 'tsMs')))).toEqual(
      Array.from({ length: 30 }, (_, i) => T0 + (i + 1) * H),
    )
    for (const r of rows) {
      const t = Number(at(r, 'tsMs'))
      expect(Number(at(r, 'asOfMs'))).toBeLessThanOrEqual(t)
      // The row at T0 + k h has seen bars 0 … k − 1: the last close is 100 + k − 1.
      expect(Number(at(r, 'lastPrice'))).toBe(100 + (t - T0) / H - 1)
    }
    // Labels, tags, contradictions, composites with their coverage, the spike probabilities and the map's
    // outputs travel with every row.
    expect(cols).toEqual(
      expect.arrayContaining([
        'tags',
        'contradictions',
        'map.usdWithin2Pct',
        'lsi.coverage',
        'lsi-p-long-4h',
        'lsi-p-long-4h.reason',
        'lsi-p-short-4h.coverage',
      ]),
    )
    expect(cols.filter((c) => c.startsWith('label.')).length).toBeGreaterThan(0)
    // Bars alone (no funding, no OI) leave the index partial: no probability, and the row says why.
    const last = rows.at(-1)!
    expect(at(last, 'lsi-p-long-4h')).toBe('')
    expect(at(last, 'lsi-p-long-4h.reason')).toMatch(/^partial stress index \(1 of 4 inputs/)
  })
})
