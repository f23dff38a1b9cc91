/** Probes the session benches share: each returns how many events it handled (for events/s). */
import { replaySessionReport } from '../src/main/engine/sessions/replay-report'
import { SessionReader } from '../src/main/engine/sessions/session-reader'

/** The reader's full decode: frame walk, CRC, inflate, decode, validation. */
export function decodeAll(files: readonly string[]): number {
  let n = 0
  for (const f of files) {
    const r = SessionReader.open(f)
    for (const batch of r.batches()) n += batch.length
    r.close()
  }
  return n
}

/** Replay through scoring in this process at max speed. */
export const replayAll = (files: readonly string[]): number =>
  files.reduce((n, f) => n + replaySessionReport(f).summary.events, 0)
