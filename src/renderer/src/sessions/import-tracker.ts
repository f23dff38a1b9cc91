import type { ImportProgress } from '../../../shared/contract/sessions'

export interface ImportView {
  jobId: string | null
  progress: ImportProgress | null
  running: boolean
}

/** Jobs whose last progress is kept; older ones are forgotten (a panel shows one job at a time). */
const MAX_JOBS_KEPT = 16

/**
 * Which import the panel shows, and its latest progress. A small import can run to its end before
 * `startImport` has answered with the job id, so every job's progress is kept from its first event and the
 * panel adopts it once the id is known; events of earlier jobs never overwrite the current one.
 */
export class ImportTracker {
  private readonly latest = new Map<string, ImportProgress>()
  private current: string | null = null
  private starting = false
  private shown: ImportProgress | null = null

  /** A new import was asked for: until its id is known nothing is shown as its progress. */
  begin(): void {
    this.current = null
    this.starting = true
    this.shown = null
  }

  /** The id `startImport` answered; returns the progress already seen for it (null: none yet). */
  adopt(jobId: string): ImportProgress | null {
    this.current = jobId
    this.starting = false
    this.shown = this.latest.get(jobId) ?? null
    return this.shown
  }

  /** The start failed: no job to follow. */
  abandon(): void {
    this.starting = false
  }

  /** Stores an event; returns it when it is the shown job's, otherwise null. */
  onEvent(p: ImportProgress): ImportProgress | null {
    this.latest.delete(p.jobId)
    this.latest.set(p.jobId, p)
    if (this.latest.size > MAX_JOBS_KEPT) this.latest.delete(this.latest.keys().next().value!)
    if (p.jobId !== this.current || this.starting) return null
    this.shown = p
    return p
  }

  /** What the panel renders: immutable, so it can live in React state. */
  view(): ImportView {
    return { jobId: this.current, progress: this.shown, running: this.running(this.shown) }
  }

  get jobId(): string | null {
    return this.current
  }

  /** A job is on its way: asked for and not answered, or adopted and not finished. */
  running(shown: ImportProgress | null): boolean {
    if (this.starting) return true
    if (this.current === null) return false
    return shown === null || shown.state === 'running'
  }
}
