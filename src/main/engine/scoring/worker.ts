/**
 * The scoring worker: owns the incremental scoring state and chart series of every market and answers with
 * batched snapshots, so heavy maths never runs on the main thread. Runs in plain Node and in Electron alike.
 */
import { parentPort } from 'node:worker_threads'
import type { FromWorker, ToWorker } from '../../../shared/worker-protocol'
import { WORKER_TIMING } from '../../../shared/worker-protocol'
import { drainRegimeShifts, snapshotMarket } from '../../../shared/scoring/scoring-state'
import type { ScoringConfig } from '../../../shared/scoring/config'
import { resolveConfig } from '../../../shared/scoring/config'
import type { HeatmapAssumptions, RadarCore } from '../../../shared/radar-core'
import {
  applyCoreEvents,
  coreHeatmapView,
  createRadarCore,
  exportCore,
  importCore,
} from '../../../shared/radar-core'
import { bundledTiersLookup } from './tiers-lookup'
import type { MarketKey } from '../../../shared/market-event'
import { MinuteSampler } from '../../../shared/series/minute-sampler'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import type { SeriesState } from '../../../shared/series/series-builder'
import {
  clearPending,
  createSeriesState,
  fullSeries,
  observeEvents,
  observeSnapshot,
  takeUpdate,
} from '../../../shared/series/series-builder'

const port = parentPort
if (!port) throw new Error('the scoring worker must run in a worker thread')

const tiersFor = bundledTiersLookup()
let config: Partial<ScoringConfig> = {}
let heatmapAssumptions: HeatmapAssumptions = {}
let core: RadarCore = createRadarCore({ scoring: config, tiersFor, heatmap: heatmapAssumptions })
let series: SeriesState = createSeriesState()
let eventsProcessed = 0
let checkpointedAt = -1
let watchedKey: string | null = null
const dirty = new Set<MarketKey>()

const send = (msg: FromWorker): void => port.postMessage(msg)

let lastBeatMs = 0
/** Also called between queued batches: a long queue at max replay speed must not look like a hang. */
function heartbeat(): void {
  lastBeatMs = Date.now()
  send({ type: 'heartbeat', eventsProcessed })
}

function snapshots(keys: Iterable<MarketKey>): MarketSnapshot[] {
  const out: MarketSnapshot[] = []
  for (const key of keys) {
    const snap = snapshotMarket(core.scoring, key)
    if (snap) out.push(snap)
  }
  return out
}

function reply(
  requestId: number,
  answer: () => ReturnType<typeof fullSeries> | ReturnType<typeof coreHeatmapView> | null,
) {
  try {
    send({ type: 'reply', requestId, ok: true, value: answer() })
  } catch (err) {
    send({ type: 'reply', requestId, ok: false, error: err instanceof Error ? err.message : String(err) })
  }
}

const sampler = new MinuteSampler(
  (chunk) => {
    const touched = applyCoreEvents(core, chunk)
    for (const key of touched) dirty.add(key)
    return touched
  },
  (keys) => {
    for (const snap of snapshots(keys)) observeSnapshot(series, snap)
  },
)

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'events':
      observeEvents(series, msg.events)
      sampler.push(msg.events)
      eventsProcessed += msg.events.length
      if (Date.now() - lastBeatMs >= WORKER_TIMING.heartbeatIntervalMs) heartbeat()
      break
    case 'restore': {
      const cp = msg.checkpoint as { core: unknown; series: SeriesState }
      core = importCore(cp.core, { scoring: config, tiersFor, heatmap: heatmapAssumptions })
      series = cp.series
      break
    }
    case 'reset':
      core = createRadarCore({ scoring: config, tiersFor, heatmap: heatmapAssumptions })
      series = createSeriesState()
      sampler.reset()
      eventsProcessed = 0
      checkpointedAt = -1
      dirty.clear()
      send({ type: 'snapshots', snapshots: [], all: true })
      break
    case 'configure':
      config = msg.config
      heatmapAssumptions = msg.heatmap
      core.scoring.config = resolveConfig(config)
      core.opts = { ...core.opts, scoring: config, heatmap: heatmapAssumptions }
      break
    case 'requestSnapshots':
      send({ type: 'snapshots', snapshots: snapshots(core.scoring.markets.keys()), all: true })
      break
    case 'requestSeries':
      reply(msg.requestId, () => fullSeries(series, msg.key))
      break
    case 'requestHeatmap':
      reply(msg.requestId, () => coreHeatmapView(core, msg.key, msg.tiers))
      break
    case 'sync':
      flush()
      reply(msg.requestId, () => null)
      break
    case 'watchSeries':
      watchedKey = msg.key
      clearPending(series)
      break
    case 'simulateFault':
      if (msg.fault === 'crash') {
        // Thrown outside the message handler so it is an uncaught error, exactly like a bug would be.
        setImmediate(() => {
          throw new Error('simulated scoring worker crash')
        })
      } else {
        const until = Date.now() + 60_000
        while (Date.now() < until) {
          // Spin: a hung worker sends no heartbeat, and the engine must notice.
        }
      }
      break
  }
})

/** Sends changed markets' snapshots, their regime shifts and the watched market's series update. */
function flush(): void {
  if (dirty.size > 0) {
    const batch = snapshots(dirty)
    dirty.clear()
    for (const snap of batch) observeSnapshot(series, snap)
    send({ type: 'snapshots', snapshots: batch, all: false })
    const shifts = drainRegimeShifts(core.scoring)
    if (shifts.length > 0) send({ type: 'regimeShifts', shifts })
  }
  if (watchedKey) {
    const update = takeUpdate(series, watchedKey)
    if (update) send({ type: 'seriesUpdate', update })
  }
}

setInterval(flush, WORKER_TIMING.batchIntervalMs)

setInterval(heartbeat, WORKER_TIMING.heartbeatIntervalMs)

setInterval(() => {
  if (eventsProcessed === checkpointedAt) return
  checkpointedAt = eventsProcessed
  send({ type: 'checkpoint', checkpoint: { core: exportCore(core), series }, eventsProcessed })
}, WORKER_TIMING.checkpointIntervalMs)

send({ type: 'ready' })
