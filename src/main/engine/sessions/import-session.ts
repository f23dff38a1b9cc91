import { statSync } from 'node:fs'
import { basename } from 'node:path'
import type { MarketEvent } from '../../../shared/market-event'
import { findImporter } from './importers'
import type { BadRow, ImportOptions } from './importers/types'
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

/** Runs an importer and writes its events, in exchange-time order, into a new session file. */
export async function importSession(
  format: string,
  paths: readonly string[],
  opts: ImportSessionOptions,
): Promise<ImportSummary> {
  const importer = findImporter(format)
  if (paths.length === 0) throw new Error(`import ${format}: no input files given`)
  for (const p of paths) statSync(p) // a missing input fails before any work, naming the path
  const result = await importer.run(paths, opts)
  // Stable sort: events with equal times keep the order the importer produced (file, then line order).
  const events: MarketEvent[] = result.events.sort((a, b) => a.exchangeTsMs - b.exchangeTsMs)
  const writer = SessionWriter.open(
    opts.out,
    {
      label: opts.label ?? `Imported ${format}: ${paths.map((p) => basename(p)).join(', ')}`,
      source: {
        kind: opts.sourceKind ?? 'import',
        format,
        files: paths.map((p) => ({ name: basename(p), bytes: statSync(p).size })),
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
