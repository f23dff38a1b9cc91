import { fileURLToPath } from 'node:url'
import { afterEach } from 'vitest'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { createMemoryLogger } from '../logging/logger'
import { ScoringHost } from './scoring-host'

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url))
const TS_WORKER = fileURLToPath(new URL('../../../../test/support/ts-worker.mjs', import.meta.url))

/**
 * Tests' scoring hosts: the real worker (run from its TypeScript source) whose snapshots land in `received`,
 * started at once and stopped after each test whatever its outcome.
 */
export function scoringHostsForTests(): (workerData?: Record<string, unknown>) => {
  host: ScoringHost
  received: MarketSnapshot[]
} {
  let host: ScoringHost | null = null
  afterEach(async () => {
    await host?.stop()
    host = null
  })
  return (workerData = {}) => {
    const received: MarketSnapshot[] = []
    const started = new ScoringHost({
      workerPath: TS_WORKER,
      workerOptions: { workerData: { entry: WORKER, ...workerData } },
      logger: createMemoryLogger(),
      onSnapshots: (batch) => received.push(...batch),
      onStatusChange: () => {},
      onRestart: () => {},
    })
    host = started
    started.start()
    return { host: started, received }
  }
}
