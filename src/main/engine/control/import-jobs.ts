import { randomUUID } from 'node:crypto'
import type { ImportProgress } from '../../../shared/contract/sessions'
import type { VenueId } from '../../../shared/market-event'
import { VENUE_IDS } from '../../../shared/market-event'
import type { EventBus } from '../event-bus'
import type { Logger } from '../logging/logger'
import { ImportCancelled, runImport, type ImportWorkerSpec } from './import-runner'
import importWorkerPath from './import-worker-path'
import type { SessionLibrary } from './session-library'

/** The built worker; sources run unbuilt (a `.ts` entry, as under vitest) import on the engine's thread. */
function defaultWorker(): ImportWorkerSpec | null {
  return importWorkerPath.endsWith('.ts') ? null : { path: importWorkerPath }
}

export interface ImportRequest {
  format: string
  paths: string[]
  name?: string
  venue?: string
  symbol?: string
  tzOffsetHours?: number
  basisSpotVenue?: string
}

/** Runs imports in a worker thread with progress events and cancel; one job per request. */
export class ImportJobs {
  private readonly running = new Map<string, AbortController>()

  constructor(
    private readonly library: SessionLibrary,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly worker: ImportWorkerSpec | null = defaultWorker(),
  ) {}

  start(req: ImportRequest): { jobId: string } {
    const jobId = randomUUID()
    const abort = new AbortController()
    this.running.set(jobId, abort)
    const emit = (p: Omit<ImportProgress, 'jobId'>): void => this.bus.emit('importProgress', { jobId, ...p })
    const isVenue = (v: string | undefined): v is VenueId =>
      v !== undefined && (VENUE_IDS as string[]).includes(v)
    const out = this.library.newSessionPath(req.name ?? `${req.format}-import`)
    emit({
      fraction: 0,
      message: `importing ${req.paths.length} file(s) as ${req.format}`,
      state: 'running',
      sessionPath: null,
      notes: [],
    })
    let lastEmitMs = 0
    void runImport(
      [{ format: req.format, paths: req.paths }],
      {
        out,
        label: req.name,
        // For funding histories the venue names the source (binance, bybit, kucoin, gate, ...), which knows
        // its own funding schedule; for the other formats it overrides the radar venue.
        venue: req.format !== 'funding-csv' && isVenue(req.venue) ? req.venue : undefined,
        sourceVenue: req.format === 'funding-csv' ? req.venue : undefined,
        tzOffsetHours: req.tzOffsetHours,
        symbol: req.symbol,
        basisSpotVenue: req.basisSpotVenue,
      },
      (p) => {
        const now = Date.now()
        if (now - lastEmitMs < 100) return
        lastEmitMs = now
        emit({
          fraction: p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : null,
          message: `${p.file}: ${p.eventsSoFar.toLocaleString('en-US')} events`,
          state: 'running',
          sessionPath: null,
          notes: [],
        })
      },
      abort.signal,
      this.worker,
    )
      .then((summary) => {
        const notes = [
          ...summary.metadata.dataQuality,
          ...(summary.badRowCount > 0
            ? [
                `${summary.badRowCount} bad row(s) skipped; first: ${summary.badRows
                  .slice(0, 5)
                  .map((b) => `${b.file}:${b.line} (${b.reason})`)
                  .join(', ')}`,
              ]
            : []),
        ]
        emit({
          fraction: 1,
          message: `imported ${summary.metadata.eventCount.toLocaleString('en-US')} events`,
          state: 'done',
          sessionPath: summary.out,
          notes,
        })
      })
      .catch((err: unknown) => {
        const cancelled = abort.signal.aborted || err instanceof ImportCancelled
        const message = err instanceof Error ? err.message : String(err)
        if (!cancelled) this.logger.warn('import failed', { format: req.format, message })
        emit({
          fraction: null,
          message: cancelled ? 'import cancelled' : message,
          state: cancelled ? 'cancelled' : 'failed',
          sessionPath: null,
          notes: [],
        })
      })
      .finally(() => this.running.delete(jobId))
    return { jobId }
  }

  cancel(jobId: string): { cancelled: boolean } {
    const job = this.running.get(jobId)
    job?.abort()
    return { cancelled: job !== undefined }
  }
}
