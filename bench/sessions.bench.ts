/**
 * Session store throughput on the bundled samples (format 1) and the same sessions upgraded to format 2
 * (columnar, frame for frame), in one run:
 *  (a) raw decode of each format (frame walk, CRC, inflate, decode, validation) — events/s
 *  (b) full replay through scoring at max speed (decode + session-time batching + the scoring pipeline)
 *  (c) the app's replay path: the replay clock at max speed with the scoring worker thread reading the
 *      session file itself (no copy per event across threads), ending once it has scored everything
 * `radar replay` as a whole process is measured in cli.bench.ts.
 * Every ratio is measured in alternating rounds (numerator and denominator back to back in each round) and
 * reported as the median of the per-round ratios, so a load spike hits both sides instead of one. The
 * machine's load is printed beside each figure.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { createMemoryLogger } from '../src/main/engine/logging/logger'
import { ScoringHost } from '../src/main/engine/scoring/scoring-host'
import { ReplaySource } from '../src/main/engine/sessions/replay-source'
import { upgradeSession } from '../src/main/engine/sessions/upgrade-session'
import { alternate, machineLoad, median, ratio, REPO_ROOT, SAMPLES_DIR } from './bench-env'
import { decodeAll, replayAll } from './session-probes'

const V1 = ['binance-btcusdt-2023-04-05.radar', 'binance-btc-eth-2024-08-08.radar'].map((f) =>
  join(SAMPLES_DIR, f),
)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const tmp = mkdtempSync(join(tmpdir(), 'radar-bench-sessions-'))
const V2 = V1.map((f) => {
  const out = join(tmp, basename(f))
  upgradeSession(f, out)
  return out
})

function startHost(): ScoringHost {
  const host = new ScoringHost({
    workerPath: join(REPO_ROOT, 'test', 'support', 'ts-worker.mjs'),
    workerOptions: {
      workerData: { entry: join(REPO_ROOT, 'src', 'main', 'engine', 'scoring', 'worker.ts') },
    },
    logger: createMemoryLogger(),
    onSnapshots: () => {},
    onStatusChange: () => {},
    onRestart: (reason) => process.stdout.write(`(worker restarted: ${reason})\n`),
  })
  host.start()
  return host
}

/** Plays every file through the scoring worker, as the app does, from play to `ended`. */
async function engineReplayAll(host: ScoringHost, files: string[]): Promise<number> {
  let n = 0
  for (const f of files) {
    host.reset()
    const src = new ReplaySource(f, {
      speed: 'max',
      settled: () => host.settled(),
      feed: (req, onProgress) => host.feedSession(req, onProgress),
    })
    const ended = new Promise<void>((done) => src.onChange((p) => p.state === 'ended' && done()))
    // Batches the clock sends itself (none at max speed, where the worker reads the file) go to the worker.
    await src.start((events) => host.send(events))
    await ended
    n += src.position().eventsEmitted
    await src.stop()
  }
  return n
}

/** A second thread that decodes on request (bench/decode-thread.ts). */
function startDecodeThread(): { decode: (files: string[]) => Promise<number>; stop: () => Promise<number> } {
  const w = new Worker(join(REPO_ROOT, 'test', 'support', 'ts-worker.mjs'), {
    workerData: { entry: join(REPO_ROOT, 'bench', 'decode-thread.ts') },
  })
  return {
    decode: (files) =>
      new Promise((done) => {
        w.once('message', done)
        w.postMessage(files)
      }),
    stop: () => w.terminate(),
  }
}

const out = (line: string) => process.stdout.write(`${line}  (${machineLoad()})\n`)

const host = startHost()
const events = decodeAll(V1)
const bytes = (files: string[]) => files.reduce((n, f) => n + statSync(f).size, 0)
const second = startDecodeThread()
const rates = await alternate(ROUNDS, {
  decodeV1: () => decodeAll(V1),
  decodeV2: () => decodeAll(V2),
  replayV2: () => replayAll(V2),
  engineV2: () => engineReplayAll(host, V2),
  // The same decode on this thread alone, then on this thread and the second one at once (twice the work).
  oneThread: () => decodeAll(V2),
  twoThreads: async () =>
    (await Promise.all([second.decode(V2), Promise.resolve(decodeAll(V2))])).reduce((a, b) => a + b),
})
await host.stop()
await second.stop()
const bytesV1 = bytes(V1)
const bytesV2 = bytes(V2)
rmSync(tmp, { recursive: true, force: true })

const r = rates as Record<
  'decodeV1' | 'decodeV2' | 'replayV2' | 'engineV2' | 'oneThread' | 'twoThreads',
  number[]
>
process.stdout.write(`sessions.events: ${events} events in ${V1.length} sample sessions, ${ROUNDS} rounds\n`)
out(`sessions.bytes_v1: ${bytesV1} B; sessions.bytes_v2: ${bytesV2} B`)
out(`sessions.bytes_v2_vs_v1: ${(bytesV2 / bytesV1).toFixed(3)} x (goal ≤ 1)`)
out(`sessions.decode_v1_events_per_s: ${Math.round(median(r.decodeV1))} /s`)
out(`sessions.decode_v2_events_per_s: ${Math.round(median(r.decodeV2))} /s`)
out(`sessions.decode_v2_vs_v1: ${ratio(r.decodeV2, r.decodeV1).toFixed(2)} x (goal ≥ 3)`)
out(`sessions.replay_events_per_s: ${Math.round(median(r.replayV2))} /s (format 2, scoring in-process)`)
out(`sessions.replay_vs_decode: ${ratio(r.replayV2, r.decodeV2).toFixed(3)} x`)
out(
  `sessions.engine_replay_events_per_s: ${Math.round(median(r.engineV2))} /s (scoring worker reads the file)`,
)
out(`sessions.engine_replay_vs_decode: ${ratio(r.engineV2, r.decodeV2).toFixed(3)} x (goal ≥ 0.8)`)
out(
  `sessions.second_thread_speedup: ${ratio(r.twoThreads, r.oneThread).toFixed(2)} x of 2 (two threads decoding at once vs one: the ceiling of a two-thread pipeline at this load)`,
)
