/**
 * Session store throughput on the bundled samples, in one run on the same files:
 *  (a) raw read + decode (frame walk, CRC, inflate, JSON parse, validation) — events/s
 *  (b) full replay through scoring at max speed (the same decode plus session-time batching and
 *      createScoringState/applyEvents) — events/s
 * and (b)/(a). Replay should keep at least half the raw decode rate.
 */
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { replaySessionReport } from '../src/main/engine/sessions/replay-report'
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

/** Best of ROUNDS (after one warm-up), in events per second. */
function rate(fn: () => number): { events: number; perSec: number } {
  fn()
  let best = Infinity
  let events = 0
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now()
    events = fn()
    best = Math.min(best, performance.now() - t0)
  }
  return { events, perSec: Math.round(events / (best / 1000)) }
}

const decode = rate(decodeAll)
const replay = rate(replayAll)
process.stdout.write(`sessions.events: ${decode.events} events in ${FILES.length} sample sessions\n`)
process.stdout.write(`sessions.decode_events_per_s: ${decode.perSec} /s\n`)
process.stdout.write(`sessions.replay_events_per_s: ${replay.perSec} /s\n`)
process.stdout.write(`sessions.replay_vs_decode: ${(replay.perSec / decode.perSec).toFixed(3)} x\n`)
