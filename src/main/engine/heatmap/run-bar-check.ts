import { Worker } from 'node:worker_threads'
import type { SessionBarCheck } from '../../../shared/contract/heatmap-check'
import type { PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import type { BarCheckWorkerInput, BarCheckWorkerMessage } from './bar-check-worker'
import workerPath from './bar-check-worker-path'

/**
 * The bar check of a session in its own worker thread: a check of months of bars takes seconds to a minute
 * (the bootstrap), and the engine's thread must keep serving the UI and the scoring worker's heartbeats.
 */
export function runSessionBarCheck(path: string, config: PipelineConfig): Promise<SessionBarCheck> {
  return new Promise((resolve, reject) => {
    const input: BarCheckWorkerInput = { path, config }
    const w = new Worker(workerPath, { workerData: { input } })
    let settled = false
    const finish = (fn: () => void): void => {
      if (settled) return
      settled = true
      fn()
      void w.terminate()
    }
    w.on('message', (m: BarCheckWorkerMessage) =>
      finish(() => (m.type === 'done' ? resolve(m.result) : reject(new Error(m.message)))),
    )
    w.on('error', (err) => finish(() => reject(err)))
    w.on('exit', (code) =>
      finish(() => reject(new Error(`bar check worker exited with code ${code} before answering`))),
    )
  })
}
