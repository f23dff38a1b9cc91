// Worker entry: runs one import off the engine's thread, streams progress back and stops on a cancel message.
import { parentPort, workerData } from 'node:worker_threads'
import { importSessionInputs, type ImportInput, type ImportSessionOptions } from '../sessions/import-session'
import type { ImportWorkerMessage } from './import-runner'

export interface ImportWorkerInput {
  inputs: ImportInput[]
  /** Options that cross a thread boundary: no callbacks, no signal. */
  opts: Omit<ImportSessionOptions, 'onProgress' | 'signal' | 'spill'>
}

const port = parentPort
if (!port) throw new Error('import-worker must run in a worker thread')
const input = (workerData as { input?: ImportWorkerInput }).input
const post = (m: ImportWorkerMessage): void => port.postMessage(m)
const abort = new AbortController()
port.on('message', (m: { type?: string }) => {
  if (m?.type === 'cancel') abort.abort()
})
// No top-level await: the worker is bundled like the engine, which may be CommonJS.
async function main(port: NonNullable<typeof parentPort>): Promise<void> {
  try {
    if (!input) throw new Error('import-worker started without input')
    let lastPostMs = 0
    const summary = await importSessionInputs(input.inputs, {
      ...input.opts,
      signal: abort.signal,
      onProgress: (p) => {
        // At most ~10 messages a second: a fast import must not flood the engine.
        const now = Date.now()
        if (now - lastPostMs < 100) return
        lastPostMs = now
        post({ type: 'progress', progress: p })
      },
    })
    post({ type: 'done', summary })
  } catch (err) {
    post({
      type: 'error',
      message: err instanceof Error ? err.message : String(err),
      cancelled: abort.signal.aborted,
    })
  } finally {
    port.close()
  }
}

void main(port)
