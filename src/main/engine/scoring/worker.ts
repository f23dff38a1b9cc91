/**
 * The scoring worker: owns the scoring pipeline (incremental scores, heatmaps and chart series of every
 * market) and answers with batched snapshots, so heavy maths never runs on the main thread. Runs in plain
 * Node and in Electron alike.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { FromWorker, ToWorker } from '../../../shared/worker-protocol'
import { WORKER_TIMING } from '../../../shared/worker-protocol'
import { drainRegimeShifts } from '../../../shared/scoring/scoring-state'
import { coreHeatmapView } from '../../../shared/radar-core'
import { coreCoinMap } from '../../../shared/heatmap/coin-map'
import type { PipelineCheckpoint } from '../../../shared/scoring/scoring-pipeline'
import { DEFAULT_PIPELINE_CONFIG, ScoringPipeline } from '../../../shared/scoring/scoring-pipeline'
import { bundledTiersLookup } from './tiers-lookup'
import { clearPending, fullSeries, observeSnapshot, takeUpdate } from '../../../shared/series/series-builder'
import { AdaptiveFlush } from '../../../shared/adaptive-flush'
import type { FeedRunner, FromFeed, ToFeed } from './session-feed'
import { runFeed } from './session-feed'
import { Tier1Markets } from './tier1-markets'
import { SentSnapshots } from './sent-snapshots'

const port = parentPort
if (!port) throw new Error('the scoring worker must run in a worker thread')
/** Tests take checkpoints more often than the app, to land one inside a short replay. */
const checkpointIntervalMs =
  (workerData as { checkpointIntervalMs?: number } | null)?.checkpointIntervalMs ??
  WORKER_TIMING.checkpointIntervalMs

const pipeline = new ScoringPipeline({
  config: DEFAULT_PIPELINE_CONFIG,
  tiersFor: bundledTiersLookup(),
  series: true,
})
let checkpointedAt = -1
// Changes go out at once after a quiet spell and at most batchIntervalMs late under load.
const flusher = new AdaptiveFlush(flush, { maxWindowMs: WORKER_TIMING.batchIntervalMs })
let watchedKey: string | null = null
/** A max-speed replay this worker reads from the session file itself (see session-feed.ts). */
let feed: FeedRunner | null = null
/** The universe's markets: snapshotted once a refresh, slim (see tier1-markets.ts). */
const tier1 = new Tier1Markets()
/** Markets whose snapshot has not changed since it was sent are not sent again. */
const sent = new SentSnapshots()

/** Every market's snapshot at once: the window replaces what it holds with these. */
function sendAll(): void {
  const all = pipeline.snapshotAll()
  sent.sentAll(all)
  send({ type: 'snapshots', snapshots: tier1.slimAll(all), all: true })
}

const send = (msg: FromWorker): void => port.postMessage(msg)

let lastBeatMs = 0
function heartbeat(): void {
  lastBeatMs = Date.now()
  send({ type: 'heartbeat', eventsProcessed: pipeline.eventsProcessed })
}

/**
 * Also called inside message handling: Node delivers a backlog of queued messages in one go, during which
 * timers do not fire, so a long queue at max replay speed must still beat rather than look like a hang.
 */
function beatIfDue(): void {
  if (Date.now() - lastBeatMs >= WORKER_TIMING.heartbeatIntervalMs) heartbeat()
}

function reply(
  requestId: number,
  answer: () =>
    | ReturnType<typeof fullSeries>
    | ReturnType<typeof coreHeatmapView>
    | ReturnType<typeof coreCoinMap>
    | null,
) {
  try {
    send({ type: 'reply', requestId, ok: true, value: answer() })
  } catch (err) {
    send({ type: 'reply', requestId, ok: false, error: err instanceof Error ? err.message : String(err) })
  }
}

function startFeed(req: Extract<ToFeed, { type: 'feedSession' }>): void {
  feed?.stop()
  const runner = runFeed(
    req,
    (events) => pipeline.push(events),
    () => {
      flusher.changed()
      beatIfDue()
    },
    (msg: FromFeed) => {
      if (msg.type === 'feedEnded' && feed === runner) feed = null
      port!.postMessage(msg)
    },
  )
  feed = runner
}

port.on('message', (msg: ToWorker | ToFeed) => {
  beatIfDue()
  switch (msg.type) {
    case 'feedSession':
      startFeed(msg)
      break
    case 'stopFeed':
      if (feed?.feedId === msg.feedId) feed.stop()
      break
    case 'events':
      if (msg.tier1) tier1.fed(msg.events)
      // A market the watchlist took from tier 1 starts afresh: its history is older than its bulk figures.
      else pipeline.forget(tier1.streamed(msg.events))
      pipeline.push(msg.events)
      flusher.changed()
      break
    case 'tier1Markets':
      tier1.declare(msg.keys)
      break
    case 'restore':
      // Another timeline: a feed still reading the old one stops before its next batch.
      feed?.stop()
      pipeline.restore(msg.checkpoint as PipelineCheckpoint)
      // A seek restores the state at its target: the radar shows it at once, paused or not.
      if (msg.announce) {
        sendAll()
        // The watched chart too: an empty update tells it the series changed under it (a seek while paused
        // sends no other), and its first update after a seek reloads the series whole.
        if (watchedKey) {
          clearPending(pipeline.series!)
          send({ type: 'seriesUpdate', update: { key: watchedKey, bars: [], lines: {}, liquidations: [] } })
        }
      } else flusher.changed()
      break
    case 'reset':
      feed?.stop()
      pipeline.reset()
      tier1.clear()
      sent.clear()
      checkpointedAt = -1
      send({ type: 'snapshots', snapshots: [], all: true })
      break
    case 'configure':
      pipeline.configure({ scoring: msg.config, heatmap: msg.heatmap })
      sent.clear()
      break
    case 'requestSnapshots':
      sendAll()
      break
    case 'requestSeries':
      reply(msg.requestId, () => fullSeries(pipeline.series!, msg.key))
      break
    case 'requestHeatmap':
      reply(msg.requestId, () => coreHeatmapView(pipeline.core, msg.key, msg.tiers))
      break
    case 'requestCoinMap':
      reply(msg.requestId, () => coreCoinMap(pipeline.core, msg.keys, msg.referencePrice))
      break
    case 'sync':
      flush()
      reply(msg.requestId, () => null)
      break
    case 'watchSeries':
      watchedKey = msg.key
      clearPending(pipeline.series!)
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
  beatIfDue()
})

/** Sends changed markets' snapshots, their regime shifts and the watched market's series update. */
function flush(): void {
  // A tier-1 market is marked dirty whenever the clock closes its heatmap's bar; its inputs change once a refresh.
  tier1.keepFed(pipeline.dirty)
  if (pipeline.dirty.size > 0) {
    const batch = pipeline.takeDirty()
    for (const snap of batch) observeSnapshot(pipeline.series!, snap)
    const changed = sent.changed(batch)
    if (changed.length > 0) send({ type: 'snapshots', snapshots: tier1.slimAll(changed), all: false })
    const shifts = drainRegimeShifts(pipeline.core.scoring)
    if (shifts.length > 0) send({ type: 'regimeShifts', shifts })
  }
  if (watchedKey) {
    const update = takeUpdate(pipeline.series!, watchedKey)
    if (update) send({ type: 'seriesUpdate', update })
  }
}

setInterval(heartbeat, WORKER_TIMING.heartbeatIntervalMs)

setInterval(() => {
  if (pipeline.eventsProcessed === checkpointedAt) return
  checkpointedAt = pipeline.eventsProcessed
  send({ type: 'checkpoint', checkpoint: pipeline.checkpoint(), eventsProcessed: pipeline.eventsProcessed })
}, checkpointIntervalMs)

send({ type: 'ready' })
