import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { SessionReader } from './session-reader'
import type { SessionMetadata } from './session-metadata'

export const SESSION_EXTENSION = '.radar'

export interface SessionListing {
  path: string
  bytes: number
  metadata: SessionMetadata | null
  startTsMs: number | null
  endTsMs: number | null
  cutShort: boolean
  /** Notes for the Sessions screen: cut short, damage; or why the file could not be opened. */
  notes: string[]
}

/** Every `.radar` file in `dir` (not recursive), newest span first; unreadable files are listed with why. */
export function listSessions(dir: string): SessionListing[] {
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(SESSION_EXTENSION))
  } catch {
    return []
  }
  const out: SessionListing[] = names.map((name) => {
    const path = join(dir, name)
    let bytes = 0
    try {
      bytes = statSync(path).size
      // Header walk only (plus the last metadata frame): listing a folder of long recordings must not read
      // every payload. The metadata is validated field by field before it reaches the Sessions screen.
      const r = SessionReader.open(path, { verifyPayloads: false })
      const span = r.span
      const listing = { path, bytes, metadata: r.metadata, ...span, cutShort: r.cutShort, notes: r.notes() }
      r.close()
      return listing
    } catch (err) {
      return {
        path,
        bytes,
        metadata: null,
        startTsMs: null,
        endTsMs: null,
        cutShort: false,
        notes: [(err as Error).message],
      }
    }
  })
  return out.sort((a, b) => (b.startTsMs ?? 0) - (a.startTsMs ?? 0) || a.path.localeCompare(b.path))
}
