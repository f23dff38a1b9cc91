/**
 * Event -> snapshot latency through the real scoring worker: recorded trades sent at a fixed rate, each
 * timed from `send` to the first snapshot on the engine side whose event count includes it. The UI's
 * update -> pixel time (bench/ui.bench.ts) comes on top of this for event -> pixel.
 */
import { join } from 'node:path'
import { createMemoryLogger } from '../src/main/engine/logging/logger'
import { ScoringHost } from '../src/main/engine/scoring/scoring-host'
import type { TradeEvent } from '../src/shared/market-event'
import { REPO_ROOT } from './bench-env'

export interface LatencyFigure {
  p50Ms: number
  p95Ms: number
  events: number
}

const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN

/** Sends `perSec` trades a second for `seconds`, in 10 ms ticks (or one trade per tick below 100/s). */
export async function eventToSnapshot(
  trades: readonly TradeEvent[],
  perSec: number,
  seconds: number,
): Promise<LatencyFigure> {
  const sentAt: number[] = []
  const latencies: number[] = []
  let delivered = 0
  const host = new ScoringHost({
    workerPath: join(REPO_ROOT, 'test', 'support', 'ts-worker.mjs'),
    workerOptions: { workerData: { entry: join(REPO_ROOT, 'src/main/engine/scoring/worker.ts') } },
    logger: createMemoryLogger(),
    onSnapshots: (snaps) => {
      const now = performance.now()
      for (const s of snaps) {
        if (s.symbol !== trades[0]!.symbol) continue
        for (; delivered < s.eventCount && delivered < sentAt.length; delivered++)
          latencies.push(now - sentAt[delivered]!)
      }
    },
    onStatusChange: () => {},
    onRestart: () => {},
  })
  host.start()
  while (host.getStatus().state !== 'running') await new Promise((r) => setTimeout(r, 20))
  const tickMs = perSec >= 100 ? 10 : 1000 / perSec
  const perTick = Math.max(1, Math.round((perSec * tickMs) / 1000))
  const total = Math.round(perSec * seconds)
  const start = performance.now()
  let i = 0
  while (i < total) {
    // Paced against the start, so a late tick sends what is due rather than drifting.
    const due = Math.min(total, Math.floor(((performance.now() - start) / tickMs + 1) * perTick))
    const batch: TradeEvent[] = []
    const now = performance.now()
    for (; i < due; i++) {
      batch.push(trades[i % trades.length]!)
      sentAt.push(now)
    }
    if (batch.length > 0) host.send(batch)
    await new Promise((r) => setTimeout(r, tickMs))
  }
  await host.settled()
  await host.stop()
  return { p50Ms: pct(latencies, 0.5), p95Ms: pct(latencies, 0.95), events: latencies.length }
}
