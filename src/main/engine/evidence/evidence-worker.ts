// Worker entry: computes an Evidence report off the engine's thread and streams progress back.
import { parentPort, workerData } from 'node:worker_threads'
import { computeEvidence, type EvidenceOptions } from './evidence-pipeline'

export interface EvidenceWorkerInput {
  paths: string[]
  opts: EvidenceOptions
}

export type EvidenceWorkerMessage =
  | { type: 'progress'; fraction: number; message: string }
  | { type: 'done'; report: ReturnType<typeof computeEvidence> }
  | { type: 'error'; message: string }

const port = parentPort
if (!port) throw new Error('evidence-worker must run in a worker thread')
const input = (workerData as { input?: EvidenceWorkerInput }).input
const post = (m: EvidenceWorkerMessage): void => port.postMessage(m)
try {
  if (!input) throw new Error('evidence-worker started without input')
  let lastPostMs = 0
  const report = computeEvidence(input.paths, input.opts, (p) => {
    // Progress at most ~10 times a second: a fast run must not flood the parent.
    const now = Date.now()
    if (now - lastPostMs < 100) return
    lastPostMs = now
    post({ type: 'progress', ...p })
  })
  post({ type: 'done', report })
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) })
}
