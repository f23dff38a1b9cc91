import { existsSync, rmSync } from 'node:fs'
import { basename } from 'node:path'
import { VENUE_IDS, type MarketEvent, type VenueId } from '../../../shared/market-event'
import { findImporter } from './importers'
import { eventDomainProblem } from './importers/event-domain'
import { EventSpill } from './importers/event-spill'
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
  /** The spot venue a perp's basis pairs with when this session is scored (recorded in its metadata). */
  basisSpotVenue?: string
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
 * Drops events outside their domain and exact duplicates (a row written twice, a file given twice) from a
 * time-ordered stream of batches; counts both and says why in notes. Duplicates share a time, so only the
 * keys of the current time are held: bounded for any input.
 */
class EventFilter {
  private reasons: string[] = []
  private outOfDomain = 0
  private duplicates = 0
  private sameTs = NaN
  private seenAtTs = new Set<string>()
  private readonly now = Date.now()

  /** `texts[i]` is event i's JSON (as spilled): the duplicate key. */
  keep(batch: readonly MarketEvent[], texts: readonly string[]): MarketEvent[] {
    const kept: MarketEvent[] = []
    for (let i = 0; i < batch.length; i++) {
      const e = batch[i]!
      const problem = eventDomainProblem(e, this.now)
      if (problem) {
        this.outOfDomain++
        if (this.reasons.length < MAX_REASONS_LISTED)
          this.reasons.push(`${e.type} ${e.venue}:${e.symbol}: ${problem}`)
        continue
      }
      if (e.exchangeTsMs !== this.sameTs) {
        this.sameTs = e.exchangeTsMs
        this.seenAtTs = new Set()
      }
      const key = texts[i]!
      if (this.seenAtTs.has(key)) {
        this.duplicates++
        continue
      }
      this.seenAtTs.add(key)
      kept.push(e)
    }
    return kept
  }

  /** Notes and stats of what was dropped. */
  report(stats: Record<string, number>): string[] {
    const notes: string[] = []
    if (this.outOfDomain > 0) {
      stats.eventsOutOfDomainDropped = this.outOfDomain
      notes.push(
        `${this.outOfDomain} event(s) outside their domain were not imported; first: ${this.reasons.join('; ')}.`,
      )
    }
    if (this.duplicates > 0) {
      stats.duplicateEventsDropped = this.duplicates
      notes.push(`${this.duplicates} duplicated event(s) (identical rows) were imported once.`)
    }
    return notes
  }
}

/** Why a run produced nothing, from its bad rows: said instead of writing an empty session. */
function nothingImported(
  label: string,
  badRowCount: number,
  badRows: BadRow[],
  notes: string[],
): ImportRefused {
  const bad = badRows.map((b) => `${b.file}:${b.line} (${b.reason})`).join('; ')
  return new ImportRefused(
    badRowCount > 0
      ? `no events imported as ${label}: all ${badRowCount} row(s) read were refused; first: ${bad}. No session was written.`
      : `no events imported as ${label}: the files hold no rows this format reads${notes.length ? ` (${notes.join(' ')})` : ''}. No session was written.`,
  )
}

function checkBasisSpotVenue(v: string | undefined): VenueId | undefined {
  if (v === undefined) return undefined
  if (!(VENUE_IDS as readonly string[]).includes(v))
    throw new ImportRefused(`basis spot venue "${v}" is not a venue id; venues: ${VENUE_IDS.join(', ')}`)
  return v as VenueId
}

/** One importer run within a session: a format and its files. */
export interface ImportInput {
  format: string
  paths: readonly string[]
}

/**
 * Runs one or more importers and writes their events, merged in exchange-time order, into one new session.
 * Every input is checked (regular files within its format's size limit) before any is read; events go to
 * disk in sorted runs while importing and are merged into the session without a global sort, so memory stays
 * bounded for any input size; the session file is only created once an event survives the checks, so a
 * refused or empty run leaves nothing behind. Each input gets its own provenance note.
 */
export async function importSessionInputs(
  inputs: readonly ImportInput[],
  opts: ImportSessionOptions,
): Promise<ImportSummary> {
  if (inputs.length === 0 || inputs.some((i) => i.paths.length === 0))
    throw new ImportRefused('import: every format needs at least one input file')
  // A venue id this app does not know is refused before any file is read.
  const basisSpotVenue = checkBasisSpotVenue(opts.basisSpotVenue)
  const importers = inputs.map((i) => findImporter(i.format))
  const sizes = inputs.map((i) => checkInputFiles(i.format, i.paths))
  if (!opts.overwrite && existsSync(opts.out))
    throw new ImportRefused(`EEXIST: ${opts.out} already exists; pass --force to replace it`)
  const allPaths = inputs.flatMap((i) => i.paths)
  const label = inputs.map((i) => i.format).join(' + ')
  const spill = new EventSpill()
  let writer: SessionWriter | null = null
  try {
    const results: ImportResult[] = []
    for (let k = 0; k < inputs.length; k++) {
      results.push(await importers[k]!.run(inputs[k]!.paths, { ...opts, spill }))
    }
    const stats: Record<string, number> = {}
    const badRows: BadRow[] = []
    let badRowCount = 0
    const dataQuality: string[] = []
    for (const [k, r] of results.entries()) {
      for (const [name, n] of Object.entries(r.stats)) stats[name] = (stats[name] ?? 0) + n
      badRows.push(...r.badRows)
      badRowCount += r.badRowCount
      dataQuality.push(...r.dataQuality)
      if (inputs.length > 1)
        dataQuality.push(
          `Input ${k + 1} (${inputs[k]!.format}: ${inputs[k]!.paths.map((p) => basename(p)).join(', ')}): ${r.provenance}.`,
        )
    }
    const filter = new EventFilter()
    const openWriter = (): SessionWriter =>
      SessionWriter.open(
        opts.out,
        {
          label: opts.label ?? `Imported ${label}: ${allPaths.map((p) => basename(p)).join(', ')}`,
          source: {
            kind: opts.sourceKind ?? 'import',
            format: label,
            files: inputs.flatMap((i, k) =>
              i.paths.map((p, j) => ({ name: basename(p), bytes: sizes[k]![j]! })),
            ),
          },
          provenance: [...new Set(results.map((r) => r.provenance)), opts.provenance]
            .filter(Boolean)
            .join('; '),
          importer: { name: label, version: IMPORTER_VERSION },
          dataQuality,
          basisSpotVenue,
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
    let written = 0
    for await (const { events, texts } of spill.merged()) {
      if (opts.signal?.aborted) throw new DOMException('import cancelled', 'AbortError')
      const kept = filter.keep(events, texts)
      if (kept.length === 0) continue
      writer ??= openWriter()
      writer.append(kept)
      written += kept.length
      opts.onProgress?.({
        bytesDone: 1,
        bytesTotal: 1,
        file: 'writing the session',
        eventsSoFar: written,
      })
    }
    const dropped = filter.report(stats)
    if (!writer) throw nothingImported(label, badRowCount, badRows.slice(0, 10), [...dataQuality, ...dropped])
    for (const note of dropped) writer.addDataQualityNote(note)
    writer.close()
    const w = writer
    writer = null
    return {
      out: opts.out,
      metadata: w.meta,
      badRowCount,
      badRows: badRows.slice(0, 10),
      stats,
      bytes: w.bytesWritten,
    }
  } catch (err) {
    // A session cut off by a cancel or a failure is not left behind half-written.
    if (writer) {
      writer.close()
      rmSync(opts.out, { force: true })
    }
    throw err
  } finally {
    spill.dispose()
  }
}

/** Runs one importer over its files into a new session (see importSessionInputs). */
export function importSession(
  format: string,
  paths: readonly string[],
  opts: ImportSessionOptions,
): Promise<ImportSummary> {
  if (paths.length === 0) return Promise.reject(new ImportRefused(`import ${format}: no input files given`))
  return importSessionInputs([{ format, paths }], opts)
}
