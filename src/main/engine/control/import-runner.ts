import { rmSync } from 'node:fs'
import { Worker, type WorkerOptions } from 'node:worker_threads'
import {
  importSessionInputs,
  type ImportInput,
  type ImportSessionOptions,
  type ImportSummary,
} from '../sessions/import-session'
import type { ImportProgress } from '../sessions/importers/types'
import type { ImportWorkerInput } from './import-worker'

export type ImportWorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'error'; message: string; cancelled: boolean }

/** Where the worker script is; tests pass the TypeScript loader and the source entry. */
export interface ImportWorkerSpec {
  path: string
  options?: WorkerOptions
}

/** Raised when an import was cancelled. */
export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled')
  }
}

/** A cancel the worker has not honoured within this time (stuck in a synchronous read) terminates it. */
const CANCEL_GRACE_MS = 2000

/**
 * Runs an import in its own worker thread, so a large file never blocks the engine: progress comes back as
 * messages and a cancel stops it — politely first, then by terminating the thread, removing any half-written
 * session. Without a worker spec (sources run unbuilt) the import runs on the calling thread.
 */
export function runImport(
  inputs: ImportInput[],
  opts: ImportWorkerInput['opts'],
  onProgress: (p: ImportProgress) => void,
  signal: AbortSignal,
  worker: ImportWorkerSpec | null,
): Promise<ImportSummary> {
  if (!worker) {
    const local: ImportSessionOptions = { ...opts, onProgress, signal }
    return importSessionInputs(inputs, local).catch((err: unknown) => {
      throw signal.aborted ? new ImportCancelled() : err
    })
  }
  return new Promise<ImportSummary>((resolve, reject) => {
    if (signal.aborted) {
      reject(new ImportCancelled())
      return
    }
    const input: ImportWorkerInput = { inputs, opts }
    const base = worker.options?.workerData as Record<string, unknown> | undefined
    const w = new Worker(worker.path, { ...worker.options, workerData: { ...base, input } })
    let settled = false
    let killTimer: NodeJS.Timeout | null = null
    const finish = (fn: () => void): void => {
      if (settled) return
      settled = true
      if (killTimer) clearTimeout(killTimer)
      signal.removeEventListener('abort', onAbort)
      fn()
      void w.terminate()
    }
    const onAbort = (): void => {
      w.postMessage({ type: 'cancel' })
      killTimer = setTimeout(
        () =>
          finish(() => {
            rmSync(opts.out, { force: true })
            reject(new ImportCancelled())
          }),
        CANCEL_GRACE_MS,
      )
    }
    signal.addEventListener('abort', onAbort, { once: true })
    w.on('message', (m: ImportWorkerMessage) => {
      if (m.type === 'progress') onProgress(m.progress)
      else if (m.type === 'done') finish(() => resolve(m.summary))
      else finish(() => reject(m.cancelled ? new ImportCancelled() : new Error(m.message)))
    })
    w.on('error', (err) => finish(() => reject(err)))
    w.on('exit', (code) =>
      finish(() => reject(new Error(`import worker exited with code ${code} before answering`))),
    )
  })
}
