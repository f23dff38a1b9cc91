import type { PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import { DEFAULT_PIPELINE_CONFIG } from '../../../shared/scoring/scoring-pipeline'
import { configForSession } from '../../../shared/scoring/config-for-session'
import type { ReplayReport } from './replay-report'
import { buildReport, reportPipeline } from './replay-report'
import { ReplaySource, type ReplaySpeed } from './replay-source'

/** Plays a session through the replay clock at a paced speed into scoring; resolves at the end. */
export async function replayInRealTime(
  path: string,
  speed: Exclude<ReplaySpeed, 'max'>,
  config?: PipelineConfig,
): Promise<ReplayReport> {
  const source = new ReplaySource(path, { speed })
  const pipeline = reportPipeline(configForSession(config ?? DEFAULT_PIPELINE_CONFIG, source.metadata))
  let events = 0
  let batches = 0
  const t0 = performance.now()
  await new Promise<void>((done) => {
    source.onChange((p) => p.state === 'ended' && done())
    void source.start((batch) => {
      pipeline.push(batch)
      events += batch.length
      batches++
    })
  })
  const pos = source.position()
  const report = buildReport({
    metadata: source.metadata,
    notes: source.notes(),
    pipeline,
    counts: { events, batches },
    span: {
      startTsMs: pos.startTsMs,
      endTsMs: pos.endTsMs,
      spanMs: pos.startTsMs === null || pos.endTsMs === null ? 0 : pos.endTsMs - pos.startTsMs,
    },
    wallMs: performance.now() - t0,
    seriesHash: null,
  })
  await source.stop()
  return report
}
