import type { MarketEvent } from '../market-event'
import type { PipelineConfig } from '../scoring/scoring-pipeline'
import { ScoringPipeline } from '../scoring/scoring-pipeline'
import type { TiersLookup } from '../radar-core'
import type { HeatmapState } from './heatmap-state'

/**
 * Where the checks get their maps: events go through the one scoring pipeline (the radar core the app, the
 * report and Evidence run, with the user's settings), and the check reads the pipeline's own heatmap of a
 * market between batches. So `radar heatmap-check` scores the map a trader sees, not a copy built apart.
 */
export interface MapFeed {
  /** Applies events in exchange-time order. */
  push(events: readonly MarketEvent[]): void
  /** A market's map as it stands now; null for spot, no tiers, or no event of the market yet. */
  state(key: string): HeatmapState | null
  /** Every market that has a map. */
  states(): Map<string, HeatmapState>
}

export interface MapFeedOptions {
  config: PipelineConfig
  tiersFor: TiersLookup
}

export function pipelineFeed(opts: MapFeedOptions): MapFeed {
  const pipeline = new ScoringPipeline({ config: opts.config, tiersFor: opts.tiersFor })
  return {
    push: (events) => pipeline.push(events),
    state: (key) => pipeline.core.heatmaps.get(key) ?? null,
    states: () => new Map(pipeline.core.heatmaps),
  }
}
