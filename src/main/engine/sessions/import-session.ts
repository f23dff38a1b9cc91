import { basename } from 'node:path'
import type { MarketEvent } from '../../../shared/market-event'
import { findImporter } from './importers'
import { eventDomainProblem } from './importers/event-domain'
import { checkInputFiles } from './importers/input-files'
import { ImportRefused, type BadRow, type ImportOptions, type ImportResult } from './importers/types'
import type { SessionMetadata, SessionSource } from './session-metadata'
import { SessionWriter } from './session-writer'

/** Bumped whenever an importer changes what it emits, so old imports can be told apart. */
export const IMPORTER_VERSION = '1.0.0'

export interface ImportSessionOptions extends ImportOptions {
  out: string
  label?: string
  /** 'sample' for the bundled samples; imports default to 'import'. */
  sourceKind?: SessionSource['kind']
  /** Extra provenance text (licence, publisher) appended to the importer's own. */
  provenance?: string
  overwrite?: boolean
  /** Frame span in exchange-time ms; bar data (5 min) packs better with hour-long frames. */
  frameSpanMs?: number
  compressionLevel?: number
}

export interface ImportSummary {
  out: string
  metadata: SessionMetadata
  badRowCount: number
  badRows: BadRow[]
  stats: Record<string, number>
  bytes: number
}

const MAX_REASONS_LISTED = 5

/**
 * Drops events outside their domain and exact duplicates (a row written twice, a file given twice), from
 * events already in time order; counts both in the result's stats and says why in its notes.
 */
function keepValidEvents(sorted: MarketEvent[], result: ImportResult): MarketEvent[] {
  const kept: MarketEvent[] = []
  const reasons: string[] = []
  let outOfDomain = 0
  let duplicates = 0
  let sameTs = NaN
  let seenAtTs = new Set<string>()
  const now = Date.now()
  for (const e of sorted) {
    const problem = eventDomainProblem(e, now)
    if (problem) {
      outOfDomain++
      if (reasons.length < MAX_REASONS_LISTED) reasons.push(`${e.type} ${e.venue}:${e.symbol}: ${problem}`)
      continue
    }
    // Duplicates share a time, so only the keys of the current time are held: bounded for any input.
    if (e.exchangeTsMs !== sameTs) {
      sameTs = e.exchangeTsMs
      seenAtTs = new Set()
    }
    const key = JSON.stringify(e)
    if (seenAtTs.has(key)) {
      duplicates++
      continue
    }
    seenAtTs.add(key)
    kept.push(e)
  }
  if (outOfDomain > 0) {
    result.stats.eventsOutOfDomainDropped = outOfDomain
    result.dataQuality.push(
      `${outOfDomain} event(s) outside their domain were not imported; first: ${reasons.join('; ')}.`,
    )
  }
  if (duplicates > 0) {
    result.stats.duplicateEventsDropped = duplicates
    result.dataQuality.push(`${duplicates} duplicated event(s) (identical rows) were imported once.`)
  }
  return kept
}

/** Why a run produced nothing, from its bad rows: said instead of writing an empty session. */
function nothingImported(format: string, result: ImportResult): ImportRefused {
  const bad = result.badRows.map((b) => `${b.file}:${b.line} (${b.reason})`).join('; ')
  return new ImportRefused(
    result.badRowCount > 0
      ? `no events imported as ${format}: all ${result.badRowCount} row(s) read were refused; first: ${bad}. No session was written.`
      : `no events imported as ${format}: the files hold no rows this format reads${result.dataQuality.length ? ` (${result.dataQuality.join(' ')})` : ''}. No session was written.`,
  )
}

/**
 * Runs an importer and writes its events, in exchange-time order, into a new session file. Inputs are
 * checked (regular files within the format's size limit) before any is read, and the session file is only
 * created once the run holds events: a refused or empty run leaves nothing behind.
 */
export async function importSession(
  format: string,
  paths: readonly string[],
  opts: ImportSessionOptions,
): Promise<ImportSummary> {
  const importer = findImporter(format)
  if (paths.length === 0) throw new ImportRefused(`import ${format}: no input files given`)
  const sizes = checkInputFiles(format, paths)
  const result = await importer.run(paths, opts)
  // Stable sort: events with equal times keep the order the importer produced (file, then line order).
  const events = keepValidEvents(
    result.events.sort((a, b) => a.exchangeTsMs - b.exchangeTsMs),
    result,
  )
  if (events.length === 0) throw nothingImported(format, result)
  const writer = SessionWriter.open(
    opts.out,
    {
      label: opts.label ?? `Imported ${format}: ${paths.map((p) => basename(p)).join(', ')}`,
      source: {
        kind: opts.sourceKind ?? 'import',
        format,
        files: paths.map((p, i) => ({ name: basename(p), bytes: sizes[i]! })),
      },
      provenance: [result.provenance, opts.provenance].filter(Boolean).join('; '),
      importer: { name: format, version: IMPORTER_VERSION },
      dataQuality: result.dataQuality,
    },
    // Frames of ~1 s of exchange time keep seeking fine-grained; sparse data (bars, funding) waits for
    // 512 events so a frame is not mostly header and dictionary.
    {
      overwrite: opts.overwrite,
      frameSpanMs: opts.frameSpanMs ?? 1000,
      frameMinEvents: 512,
      compressionLevel: opts.compressionLevel,
    },
  )
  try {
    writer.append(events)
  } finally {
    writer.close()
  }
  return {
    out: opts.out,
    metadata: writer.meta,
    badRowCount: result.badRowCount,
    badRows: result.badRows,
    stats: result.stats,
    bytes: writer.bytesWritten,
  }
}
