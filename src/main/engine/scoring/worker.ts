/**
 * The scoring worker: owns the incremental scoring state of every market and answers with batched
 * snapshots, so heavy maths never runs on the main thread. Runs in plain Node and in Electron alike.
 */
import { parentPort } from 'node:worker_threads'
import type { FromWorker, ToWorker } from '../../../shared/worker-protocol'
import { WORKER_TIMING } from '../../../shared/worker-protocol'
import {
  applyEvents,
  createScoringState,
  exportState,
  importState,
  snapshotMarket,
} from '../../../shared/scoring/scoring-state'
import type { MarketKey } from '../../../shared/market-event'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'

const port = parentPort
if (!port) throw new Error('the scoring worker must run in a worker thread')

let state = createScoringState()
let eventsProcessed = 0
let checkpointedAt = -1
const dirty = new Set<MarketKey>()

const send = (msg: FromWorker): void => port.postMessage(msg)

function snapshots(keys: Iterable<MarketKey>): MarketSnapshot[] {
  const out: MarketSnapshot[] = []
  for (const key of keys) {
    const snap = snapshotMarket(state, key)
    if (snap) out.push(snap)
  }
  return out
}

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'events':
      for (const key of applyEvents(state, msg.events)) dirty.add(key)
      eventsProcessed += msg.events.length
      break
    case 'restore':
      state = importState(msg.checkpoint)
      break
    case 'reset':
      state = createScoringState()
      eventsProcessed = 0
      checkpointedAt = -1
      dirty.clear()
      send({ type: 'snapshots', snapshots: [], all: true })
      break
    case 'requestSnapshots':
      send({ type: 'snapshots', snapshots: snapshots(state.markets.keys()), all: true })
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

setInterval(() => {
  if (dirty.size === 0) return
  const batch = snapshots(dirty)
  dirty.clear()
  send({ type: 'snapshots', snapshots: batch, all: false })
}, WORKER_TIMING.batchIntervalMs)

setInterval(() => send({ type: 'heartbeat', eventsProcessed }), WORKER_TIMING.heartbeatIntervalMs)

setInterval(() => {
  if (eventsProcessed === checkpointedAt) return
  checkpointedAt = eventsProcessed
  send({ type: 'checkpoint', checkpoint: exportState(state), eventsProcessed })
}, WORKER_TIMING.checkpointIntervalMs)

send({ type: 'ready' })
