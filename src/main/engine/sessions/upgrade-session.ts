import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { ENCODING_COLUMNAR, FrameType } from './format'
import { SessionReader } from './session-reader'
import { SessionWriter } from './session-writer'

export interface UpgradeResult {
  events: number
  frames: number
  /** Frames that were already columnar. */
  columnarFrames: number
  bytesBefore: number
  bytesAfter: number
  /** The source's damage and cut-short notes, also kept in the new file's data-quality notes. */
  notes: string[]
}

/**
 * Rewrites a session with columnar events frames (format 2), frame for frame: each source frame becomes one
 * frame of the same events, so the time index and seek points stay where they were. The source is only
 * read; the new file is written beside the target and renamed into place once closed. Events the source
 * had already lost (damaged frames) stay lost, and its notes travel with the new file.
 */
export function upgradeSession(
  inPath: string,
  outPath: string,
  opts: { overwrite?: boolean; signal?: AbortSignal } = {},
): UpgradeResult {
  if (!opts.overwrite && existsSync(outPath))
    throw new Error(`${outPath} exists; pass --overwrite to replace it`)
  const reader = SessionReader.open(inPath)
  const partial = `${outPath}.partial`
  const m = reader.metadata
  const notes = reader.notes()
  let writer: SessionWriter | null = null
  try {
    writer = SessionWriter.open(
      partial,
      {
        label: m.label,
        source: m.source,
        provenance: m.provenance,
        importer: m.importer,
        createdAtMs: m.createdAtMs,
        dataQuality: [...m.dataQuality, ...notes.map((n) => `Upgraded from a damaged file: ${n}`)],
      },
      // Frames are cut by the source's boundaries below, never by the writer's own rules.
      {
        overwrite: true,
        frameMaxEvents: Number.MAX_SAFE_INTEGER,
        frameSpanMs: Infinity,
        compressionLevel: 9,
      },
    )
    let events = 0
    let frames = 0
    let columnarFrames = 0
    for (const f of reader.frames) {
      if (f.type !== FrameType.events) continue
      if (opts.signal?.aborted) throw new Error('upgrade stopped before the end; nothing was written')
      const batch = reader.decodeFrame(f)
      if (!batch || batch.length === 0) continue
      writer.append(batch)
      writer.flush()
      events += batch.length
      frames++
      if (f.encoding === ENCODING_COLUMNAR) columnarFrames++
    }
    writer.close()
    writer = null
    renameSync(partial, outPath)
    const allNotes = [...notes, ...reader.damage.map((d) => d.message).filter((n) => !notes.includes(n))]
    return {
      events,
      frames,
      columnarFrames,
      bytesBefore: statSync(inPath).size,
      bytesAfter: statSync(outPath).size,
      notes: allNotes,
    }
  } catch (err) {
    writer?.close()
    rmSync(partial, { force: true })
    throw err
  } finally {
    reader.close()
  }
}
