import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import type { PipelineCheckpoint, PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import { DEFAULT_PIPELINE_CONFIG, ScoringPipeline } from '../../../shared/scoring/scoring-pipeline'
import { pipelineConfigFromSettings } from '../../../shared/scoring/config-from-settings'
import { defaultSettings } from '../../../shared/settings'
import { replaySessionReport } from '../sessions/replay-report'
import { SessionBatcher } from '../sessions/session-batcher'
import { SessionReader } from '../sessions/session-reader'
import { SeekStates } from './seek-state'
import { bundledTiersLookup } from './tiers-lookup'

// The futures-metrics week: 5-minute bars with OI, so the liquidation map feeds the scores.
const WEEK = resolve(__dirname, '../../../../resources/samples/binance-futures-metrics-2024-05-09-week.radar')

/** What must agree between paths (the evaluation clock and counters aside, everything the radar shows). */
const view = (snaps: MarketSnapshot[]) =>
  snaps.map((s) => ({ key: s.key, metrics: s.metrics, labels: s.labels, tags: s.tags, stress: s.stress }))

/** Straight play from the start; `at` records the state before the first batch starting at or after each time. */
function straight(config: PipelineConfig, at: number[] = [], untilTsMs = Infinity) {
  const pipeline = new ScoringPipeline({ config, tiersFor: bundledTiersLookup(), series: true })
  const reader = SessionReader.open(WEEK)
  const batcher = new SessionBatcher(reader.events())
  const views = new Map<number, ReturnType<typeof view>>()
  for (let b = batcher.next(); b; b = batcher.next()) {
    if (b.bucketEndTsMs - batcher.batchMs >= untilTsMs) break
    for (const t of at)
      if (!views.has(t) && b.bucketEndTsMs - batcher.batchMs >= t) views.set(t, view(pipeline.snapshotAll()))
    pipeline.push(b.events)
  }
  reader.close()
  return { pipeline, views }
}

describe('one scoring pipeline', { timeout: 300_000 }, () => {
  it('a seek restores the exact state: seek-then-play equals straight play, from a cold or a warm cache', async () => {
    const span = SessionReader.open(WEEK).span
    const seeks = new SeekStates(WEEK, DEFAULT_PIPELINE_CONFIG)
    // The first ~40 % of the week keeps the test short (the liquidation map makes every batch costly).
    const [t1, t2, end] = [0.17, 0.29, 0.4].map((f) => seeks.alignTarget(span.startTsMs! + f * span.spanMs))
    const targets = [t1!, t2!]
    const run = straight(DEFAULT_PIPELINE_CONFIG, targets, end)
    const restored = (cp: PipelineCheckpoint) => {
      const p = new ScoringPipeline({ config: DEFAULT_PIPELINE_CONFIG, tiersFor: bundledTiersLookup() })
      p.restore(structuredClone(cp))
      return p
    }
    // The second target resumes from a checkpoint the first seek left on its way.
    for (const t of targets) {
      const cp = await seeks.stateAt(t)
      expect(view(restored(cp!).snapshotAll())).toEqual(run.views.get(t))
    }
    // Then play on from the target as the replay clock does after a seek: the state equals straight play's.
    const seeked = restored((await seeks.stateAt(targets[1]!))!)
    const reader = SessionReader.open(WEEK)
    const batcher = new SessionBatcher(reader.events(targets[1]!))
    for (let b = batcher.next(); b && b.bucketEndTsMs - batcher.batchMs < end!; b = batcher.next())
      seeked.push(b.events)
    reader.close()
    const final = view(run.pipeline.snapshotAll())
    expect(final.length).toBeGreaterThan(0)
    expect(view(seeked.snapshotAll())).toEqual(final)
  })

  it('the report and a worker-style run agree for the same settings, and the settings reach the core', () => {
    const settings = defaultSettings()
    settings.scoringOverrides = { 'lsiWeights.fundingStress': 0, lsiLevels: 0 }
    settings.heatmap = { ...settings.heatmap, cellPct: 0.2 }
    const { config, ignored } = pipelineConfigFromSettings(settings)
    // lsiLevels is a pair, not a number: reported, not applied.
    expect(ignored).toEqual(['lsiLevels'])
    const report = replaySessionReport(WEEK, { config })
    const worker = straight(config).pipeline
    expect(view(report.markets)).toEqual(view(worker.snapshotAll()))
    expect(worker.core.scoring.config.lsiWeights.fundingStress).toBe(0)
    expect(worker.core.opts.heatmap?.cell).toEqual({ kind: 'pct', fraction: 0.002 })
    // Without the funding weight, funding stress is not among the index's inputs.
    const btc = report.markets.find((m) => m.key === 'binanceusdm:BTC/USDT:USDT')!
    expect(btc.metrics['lsi-own']?.coverage?.total).toBe(3)
  })
})
