import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TradeEvent } from '../../../shared/market-event'
import { SessionWriter } from '../sessions/session-writer'
import type { EvidenceWorkerSpec } from './evidence-runner'

/** Test helpers: the evidence worker run from source through tsx, and a session with one known price jump. */

export const TS_EVIDENCE_WORKER: EvidenceWorkerSpec = {
  path: fileURLToPath(new URL('../../../../test/support/ts-worker.mjs', import.meta.url)),
  options: { workerData: { entry: fileURLToPath(new URL('./evidence-worker.ts', import.meta.url)) } },
}

export const T0 = 1_700_000_040_000 // a whole minute (28,333,334 × 60,000)
export const MIN = 60_000

/** 3 h of trades every 10 s: price 100, then 106 from T0 + 100 min on. */
export function jumpSession(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'radar-evidence-')), 'jump.radar')
  const w = SessionWriter.open(path, {
    label: 'jump',
    source: { kind: 'import', format: 'test', files: [] },
    provenance: 'synthetic test input',
    importer: null,
  })
  const events: TradeEvent[] = []
  for (let k = 0; k < 1080; k++) {
    const ts = T0 + k * 10_000
    events.push({
      type: 'trade',
      venue: 'binanceusdm',
      symbol: 'TEST/USDT:USDT',
      exchangeTsMs: ts,
      receiveTsMs: ts,
      price: ts < T0 + 100 * MIN ? 100 : 106,
      qtyBase: 1,
      takerSide: 'buy',
      tradeId: String(k),
    })
  }
  w.append(events)
  w.close()
  return path
}
