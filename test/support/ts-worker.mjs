// Runs a TypeScript worker entry (workerData.entry) in a worker thread, for tests that use sources unbuilt.
import { workerData } from 'node:worker_threads'
import { pathToFileURL } from 'node:url'
import { register } from 'tsx/esm/api'

register()
await import(pathToFileURL(workerData.entry).href)
