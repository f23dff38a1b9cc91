/**
 * A worker thread for sessions.bench.ts that decodes the files it is sent, so the bench can measure whether
 * a second thread gets a second core at the machine's present load (the ceiling of any two-thread pipeline).
 */
import { parentPort } from 'node:worker_threads'
import { decodeAll } from './session-probes'

parentPort!.on('message', (files: string[]) => parentPort!.postMessage(decodeAll(files)))
