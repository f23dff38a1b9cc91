import { applyEvents, createScoringState, snapshotMarket } from '../../../shared/scoring/scoring-state'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import type { ReplayReport } from './replay-report'
import { ReplaySource, type ReplaySpeed } from './replay-source'

/** Plays a session through the replay clock at a paced speed into scoring; resolves at the end. */
export async function replayInRealTime(
  path: string,
  speed: Exclude<ReplaySpeed, 'max'>,
): Promise<ReplayReport> {
  const source = new ReplaySource(path, { speed })
  const state = createScoringState()
  let events = 0
  let batches = 0
  const t0 = performance.now()
  await new Promise<void>((done) => {
    source.onChange((p) => p.state === 'ended' && done())
    void source.start((batch) => {
      applyEvents(state, batch)
      events += batch.length
      batches++
    })
  })
  const wallMs = performance.now() - t0
  const pos = source.position()
  const markets = [...state.markets.keys()]
    .sort()
    .map((k) => snapshotMarket(state, k))
    .filter((s): s is MarketSnapshot => s !== null)
  const report: ReplayReport = {
    label: source.label,
    metadata: source.metadata,
    notes: [...source.notes(), ...source.metadata.dataQuality],
    markets,
    summary: {
      events,
      batches,
      startTsMs: pos.startTsMs,
      endTsMs: pos.endTsMs,
      spanMs: pos.startTsMs === null || pos.endTsMs === null ? 0 : pos.endTsMs - pos.startTsMs,
      wallMs: Math.round(wallMs),
      eventsPerSec: Math.round(events / (wallMs / 1000)),
    },
    seriesHash: null,
  }
  await source.stop()
  return report
}
