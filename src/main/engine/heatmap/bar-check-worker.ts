// Worker entry: the liquidation map's bar check of one session, off the engine's thread.
import { parentPort, workerData } from 'node:worker_threads'
import type { SessionBarCheck } from '../../../shared/contract/heatmap-check'
import type { PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import { bundledTiersLookup } from '../scoring/tiers-lookup'
import { sessionBarCheck } from './session-bar-check'

export interface BarCheckWorkerInput {
  path: string
  config: PipelineConfig
}

export type BarCheckWorkerMessage =
  { type: 'done'; result: SessionBarCheck } | { type: 'error'; message: string }

const port = parentPort
if (!port) throw new Error('bar-check-worker must run in a worker thread')
const input = (workerData as { input?: BarCheckWorkerInput }).input
const post = (m: BarCheckWorkerMessage): void => port.postMessage(m)
try {
  if (!input) throw new Error('bar-check-worker started without input')
  post({ type: 'done', result: sessionBarCheck(input.path, input.config, bundledTiersLookup()) })
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) })
}
