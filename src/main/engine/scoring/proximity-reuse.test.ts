import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { proximityInput } from '../../../shared/heatmap'
import { applyCoreEvents, createRadarCore } from '../../../shared/radar-core'
import { SessionBatcher } from '../sessions/session-batcher'
import { SessionReader } from '../sessions/session-reader'
import { bundledTiersLookup } from './tiers-lookup'

const SAMPLES = resolve(__dirname, '../../../../resources/samples')

/**
 * The core searches a heatmap's clusters again only when the heatmap took an event or closed a bar. After
 * every batch of a bundled session, each market's proximity must equal the one searched afresh from its map.
 */
function checkEveryBatch(file: string, fraction: number): { batches: number; checks: number } {
  const core = createRadarCore({ tiersFor: bundledTiersLookup() })
  const reader = SessionReader.open(resolve(SAMPLES, file))
  const span = reader.span
  const until = span.startTsMs! + fraction * span.spanMs
  const batcher = new SessionBatcher(reader.events())
  let batches = 0
  let checks = 0
  for (let b = batcher.next(); b && b.bucketEndTsMs - batcher.batchMs < until; b = batcher.next()) {
    applyCoreEvents(core, b.events)
    batches++
    for (const [key, hm] of core.heatmaps) {
      const m = core.scoring.markets.get(key)!
      expect(m.liqProximity, `${key} after batch ${batches}`).toEqual(proximityInput(hm))
      checks++
    }
  }
  reader.close()
  return { batches, checks }
}

describe('heatmap proximity reuse', { timeout: 120_000 }, () => {
  it('equals a fresh cluster search after every batch of the first days of the bars week', () => {
    const r = checkEveryBatch('binance-futures-metrics-2024-05-09-week.radar', 0.15)
    expect(r.checks).toBeGreaterThan(100)
  })
})
