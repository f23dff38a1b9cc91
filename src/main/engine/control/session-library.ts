import { mkdirSync, rmSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import type { SessionSummary } from '../../../shared/contract/sessions'
import { listSessions } from '../sessions/list-sessions'
import type { SessionListing } from '../sessions/list-sessions'

export const DEFAULT_SAMPLE_FILE = 'binance-btcusdt-2023-04-05.radar'

/** Bundled samples (read-only, in resources/samples) and the user's own sessions (user-data/sessions). */
export class SessionLibrary {
  constructor(
    readonly samplesDir: string,
    readonly userSessionsDir: string,
  ) {
    try {
      mkdirSync(userSessionsDir, { recursive: true })
    } catch {
      // A read-only user-data folder: the library still lists the samples; the settings warning says why.
    }
  }

  /** The sample `npm start` opens where no exchange is reachable: Binance BTCUSDT perp + spot, 2023-04-05. */
  defaultSamplePath(): string {
    return join(this.samplesDir, DEFAULT_SAMPLE_FILE)
  }

  list(): SessionSummary[] {
    const samples = listSessions(this.samplesDir).map((l) => toSummary(l, false))
    const own = listSessions(this.userSessionsDir).map((l) => toSummary(l, true))
    return [...samples, ...own]
  }

  /** Only files this library lists can be opened: the renderer never names an arbitrary path. */
  resolveListed(path: string): SessionSummary {
    const full = resolve(path)
    const found = this.list().find((s) => s.path === full)
    if (!found) throw new Error(`no such session: ${path}`)
    return found
  }

  delete(path: string): void {
    const s = this.resolveListed(path)
    if (!s.deletable || !s.path.startsWith(this.userSessionsDir + sep)) {
      throw new Error(`the bundled sample "${s.label}" cannot be deleted`)
    }
    rmSync(s.path)
  }

  /** A fresh file name in the user's sessions folder. */
  newSessionPath(name: string, nowMs = Date.now()): string {
    const safe =
      name
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[-.]+|[-.]+$/g, '')
        .slice(0, 80) || 'session'
    const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-').slice(0, 19)
    return join(this.userSessionsDir, `${safe}-${stamp}.radar`)
  }
}

function toSummary(l: SessionListing, userOwned: boolean): SessionSummary {
  const m = l.metadata
  const notes = [...l.notes, ...(m?.dataQuality ?? [])]
  return {
    path: resolve(l.path),
    label: m?.label ?? 'Unreadable session',
    kind: m?.source.kind ?? (userOwned ? 'import' : 'sample'),
    deletable: userOwned,
    markets: m?.markets ?? [],
    startTsMs: l.startTsMs,
    endTsMs: l.endTsMs,
    eventCount: m?.eventCount ?? 0,
    ...(m?.eventCounts ? { eventCounts: m.eventCounts } : {}),
    bytes: l.bytes,
    provenance: m?.provenance ?? '',
    notes,
  }
}
