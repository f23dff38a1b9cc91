/**
 * Session store throughput on the bundled samples, in one run on the same files:
 *  (a) raw read + decode (frame walk, CRC, inflate, JSON parse, validation) — events/s
 *  (b) full replay through scoring at max speed (the same decode plus session-time batching and
 *      createScoringState/applyEvents) — events/s
 *  (c) the app's replay path: the replay clock at max speed feeding the scoring worker thread, waiting on
 *      it between slices (backpressure) and ending once it has scored everything — events/s
 * and (b)/(a), (c)/(a). Replay should keep at least half the raw decode rate.
 */
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createMemoryLogger } from '../src/main/engine/logging/logger'
import { ScoringHost } from '../src/main/engine/scoring/scoring-host'
import { replaySessionReport } from '../src/main/engine/sessions/replay-report'
import { ReplaySource } from '../src/main/engine/sessions/replay-source'
import { SessionReader } from '../src/main/engine/sessions/session-reader'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const FILES = ['binance-btcusdt-2023-04-05.radar', 'binance-btc-eth-2024-08-08.radar'].map((f) =>
  join(root, 'resources', 'samples', f),
)
const ROUNDS = 3

function decodeAll(): number {
  let n = 0
  for (const f of FILES) {
    const r = SessionReader.open(f)
    for (const batch of r.batches()) n += batch.length
    r.close()
  }
  return n
}

function replayAll(): number {
  let n = 0
  for (const f of FILES) n += replaySessionReport(f).summary.events
  return n
}

/** Best of ROUNDS (after one warm-up), in events per second; `fn` returns the events it handled. */
async function rate(fn: () => number | Promise<number>): Promise<{ events: number; perSec: number }> {
  await fn()
  let best = Infinity
  let events = 0
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now()
    events = await fn()
    best = Math.min(best, performance.now() - t0)
  }
  return { events, perSec: Math.round(events / (best / 1000)) }
}

/** Plays every sample through a scoring worker, as the app does, and times it from play to `ended`. */
async function engineReplayRate(): Promise<{ events: number; perSec: number }> {
  const host = new ScoringHost({
    workerPath: join(root, 'test', 'support', 'ts-worker.mjs'),
    workerOptions: { workerData: { entry: join(root, 'src', 'main', 'engine', 'scoring', 'worker.ts') } },
    logger: createMemoryLogger(),
    onSnapshots: () => {},
    onStatusChange: () => {},
    onRestart: (reason) => process.stdout.write(`(worker restarted: ${reason})\n`),
  })
  host.start()
  const playAll = async (): Promise<number> => {
    let n = 0
    for (const f of FILES) {
      host.reset()
      const src = new ReplaySource(f, { speed: 'max', settled: () => host.settled() })
      const ended = new Promise<void>((done) => src.onChange((p) => p.state === 'ended' && done()))
      await src.start((events) => {
        n += events.length
        host.send(events)
      })
      await ended
      await src.stop()
    }
    return n
  }
  // The warm-up round also covers the worker's start.
  const r = await rate(playAll)
  await host.stop()
  return r
}

const decode = await rate(decodeAll)
const replay = await rate(replayAll)
const engineReplay = await engineReplayRate()
process.stdout.write(`sessions.events: ${decode.events} events in ${FILES.length} sample sessions\n`)
process.stdout.write(`sessions.decode_events_per_s: ${decode.perSec} /s\n`)
process.stdout.write(`sessions.replay_events_per_s: ${replay.perSec} /s\n`)
process.stdout.write(`sessions.replay_vs_decode: ${(replay.perSec / decode.perSec).toFixed(3)} x\n`)
process.stdout.write(
  `sessions.engine_replay_events_per_s: ${engineReplay.perSec} /s (scoring worker, backpressure)\n`,
)
process.stdout.write(
  `sessions.engine_replay_vs_decode: ${(engineReplay.perSec / decode.perSec).toFixed(3)} x\n`,
)
