import type { PipelineCheckpoint, PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import { ScoringPipeline } from '../../../shared/scoring/scoring-pipeline'
import { DEFAULT_BATCH_MS, SessionBatcher } from '../sessions/session-batcher'
import { SessionReader } from '../sessions/session-reader'
import { bundledTiersLookup } from './tiers-lookup'

/** Checkpoints kept per session: enough that a seek replays at most ~1/16 of it, bounded memory. */
const MAX_CHECKPOINTS = 16

/** Longest stretch of synchronous scoring before yielding, so the engine keeps answering during a seek. */
const SLICE_MS = 40

/**
 * The exact scoring state at a point of a session, as straight play from the start reaches it: a seek
 * restores it, so seek-then-play equals straight play. States are built with the same pipeline and the same
 * session-time batches as the replay clock, resuming from the nearest earlier checkpoint (kept per session,
 * every ~1/16 of its span), and yield between slices so the engine stays responsive.
 */
export class SeekStates {
  private readonly checkpoints: { tsMs: number; cp: PipelineCheckpoint }[] = []
  private readonly spacingMs: number
  private generation = 0

  constructor(
    private readonly path: string,
    private readonly config: PipelineConfig,
    private readonly batchMs = DEFAULT_BATCH_MS,
  ) {
    const reader = SessionReader.open(path)
    const { spanMs } = reader.span
    reader.close()
    this.spacingMs = Math.max(batchMs, Math.ceil(spanMs / MAX_CHECKPOINTS / batchMs) * batchMs)
  }

  /**
   * The seek target moved to a batch boundary (straight play has a batch starting there): the first one at
   * or after it, or the last batch's start when that would pass the session's end.
   */
  alignTarget(tsMs: number, endTsMs = Infinity): number {
    const up = Math.ceil(tsMs / this.batchMs) * this.batchMs
    return up <= endTsMs ? up : Math.floor(endTsMs / this.batchMs) * this.batchMs
  }

  /**
   * The pipeline checkpoint holding every event stamped before `tsMs` (a batch boundary), or null when a
   * later call superseded this one (the user seeks again before this one is done).
   */
  async stateAt(tsMs: number, yieldFn = defaultYield): Promise<PipelineCheckpoint | null> {
    const gen = ++this.generation
    const pipeline = new ScoringPipeline({
      config: this.config,
      tiersFor: bundledTiersLookup(),
      series: true,
    })
    let from = -Infinity
    for (let i = this.checkpoints.length - 1; i >= 0; i--) {
      const c = this.checkpoints[i]!
      if (c.tsMs <= tsMs) {
        pipeline.restore(structuredClone(c.cp))
        from = c.tsMs
        break
      }
    }
    const reader = SessionReader.open(this.path)
    try {
      const batcher = new SessionBatcher({ chunks: reader.batches(from) }, this.batchMs)
      let nextCheckpointAt = Number.isFinite(from) ? from + this.spacingMs : null
      let sliceStart = performance.now()
      for (let b = batcher.next(); b; b = batcher.next()) {
        const start = b.bucketEndTsMs - this.batchMs
        nextCheckpointAt ??= start
        if (start >= nextCheckpointAt) {
          // The state before this batch: every event stamped before `start`.
          this.remember(start, pipeline.checkpoint())
          nextCheckpointAt = start - (start % this.spacingMs) + this.spacingMs
        }
        if (start >= tsMs) break
        pipeline.push(b.events)
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldFn()
          if (gen !== this.generation) return null
          sliceStart = performance.now()
        }
      }
    } finally {
      reader.close()
    }
    return pipeline.checkpoint()
  }

  private remember(tsMs: number, cp: PipelineCheckpoint): void {
    if (this.checkpoints.some((c) => c.tsMs === tsMs)) return
    this.checkpoints.push({ tsMs, cp: structuredClone(cp) })
    this.checkpoints.sort((a, b) => a.tsMs - b.tsMs)
    if (this.checkpoints.length > MAX_CHECKPOINTS * 2) this.checkpoints.splice(0, 1)
  }
}

function defaultYield(): Promise<void> {
  return new Promise((r) => setImmediate(r))
}
