import { randomUUID } from 'node:crypto'
import type { EvidenceProgress, EvidenceReport, RunEvidenceRequest } from '../../../shared/contract/evidence'
import { parseHorizonMs } from '../../../shared/evidence/horizons'
import { runEvidence, type EvidenceWorkerSpec } from './evidence-runner'
import type { PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import { DEFAULT_PIPELINE_CONFIG } from '../../../shared/scoring/scoring-pipeline'

/**
 * The engine side of the `runEvidence` / `cancelEvidence` channels: one worker per run, progress pushed as
 * `evidenceProgress` events carrying the runId that `cancelEvidence` takes.
 */
export class EvidenceService {
  private runs = new Map<string, AbortController>()

  constructor(
    private readonly worker: EvidenceWorkerSpec,
    private readonly emit: (p: EvidenceProgress) => void,
    /** The settings the radar scores with: Evidence measures the signals the user sees. */
    private readonly scoringConfig: () => PipelineConfig = () => DEFAULT_PIPELINE_CONFIG,
  ) {}

  async run(req: RunEvidenceRequest): Promise<EvidenceReport> {
    const runId = randomUUID()
    const ctl = new AbortController()
    this.runs.set(runId, ctl)
    const horizonsMs = req.horizons.map(parseHorizonMs)
    this.emit({ runId, fraction: 0, message: 'starting', state: 'running' })
    try {
      const report = await runEvidence(
        req.paths,
        { horizonsMs, moves: req.moves, config: this.scoringConfig() },
        (p) => this.emit({ runId, ...p, state: 'running' }),
        ctl.signal,
        this.worker,
      )
      this.emit({ runId, fraction: 1, message: 'done', state: 'done' })
      return report
    } catch (err) {
      const cancelled = ctl.signal.aborted
      this.emit({
        runId,
        fraction: 1,
        message: cancelled ? 'cancelled' : err instanceof Error ? err.message : String(err),
        state: cancelled ? 'cancelled' : 'failed',
      })
      throw err
    } finally {
      this.runs.delete(runId)
    }
  }

  cancel(runId: string): { cancelled: boolean } {
    const ctl = this.runs.get(runId)
    if (!ctl) return { cancelled: false }
    ctl.abort()
    return { cancelled: true }
  }

  /** Stops every run (engine shutdown). */
  cancelAll(): void {
    for (const ctl of this.runs.values()) ctl.abort()
  }
}
