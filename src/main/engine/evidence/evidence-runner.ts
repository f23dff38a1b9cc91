import { Worker, type WorkerOptions } from 'node:worker_threads'
import type { EvidenceReport } from '../../../shared/contract/evidence'
import { EvidenceCancelled, type EvidenceOptions, type EvidenceProgressUpdate } from './evidence-pipeline'
import type { EvidenceWorkerInput, EvidenceWorkerMessage } from './evidence-worker'

/** Where the worker script is; tests pass the TypeScript loader and the source entry. */
export interface EvidenceWorkerSpec {
  path: string
  options?: WorkerOptions
}

/**
 * Runs the Evidence report in its own worker thread, so a long run never blocks the engine or the UI.
 * Aborting terminates the worker at once and rejects with `EvidenceCancelled`.
 */
export function runEvidence(
  paths: readonly string[],
  opts: EvidenceOptions,
  onProgress: (p: EvidenceProgressUpdate) => void,
  signal: AbortSignal | undefined,
  worker: EvidenceWorkerSpec,
): Promise<EvidenceReport> {
  return new Promise<EvidenceReport>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new EvidenceCancelled())
      return
    }
    const input: EvidenceWorkerInput = { paths: [...paths], opts }
    const base = worker.options?.workerData as Record<string, unknown> | undefined
    const w = new Worker(worker.path, { ...worker.options, workerData: { ...base, input } })
    let settled = false
    const finish = (fn: () => void): void => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      fn()
      void w.terminate()
    }
    const onAbort = (): void => finish(() => reject(new EvidenceCancelled()))
    signal?.addEventListener('abort', onAbort, { once: true })
    w.on('message', (m: EvidenceWorkerMessage) => {
      if (m.type === 'progress') onProgress({ fraction: m.fraction, message: m.message })
      else if (m.type === 'done') finish(() => resolve(m.report))
      else finish(() => reject(new Error(m.message)))
    })
    w.on('error', (err) => finish(() => reject(err)))
    w.on('exit', (code) =>
      finish(() => reject(new Error(`evidence worker exited with code ${code} before answering`))),
    )
  })
}
