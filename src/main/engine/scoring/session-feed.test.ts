/**
 * Max-speed replay with the scoring worker reading the session file itself: the same scores as the replay
 * clock sending every batch across (the path it replaces), through pause, seek and a worker crash.
 */
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { createMemoryLogger } from '../logging/logger'
import { ReplaySource } from '../sessions/replay-source'
import { SessionReader } from '../sessions/session-reader'
import { ScoringHost } from './scoring-host'

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url))
const TS_WORKER = fileURLToPath(new URL('../../../../test/support/ts-worker.mjs', import.meta.url))
const SAMPLE = fileURLToPath(
  new URL('../../../../resources/samples/binance-btcusdt-2023-04-05.radar', import.meta.url),
)

/** Every event of the sample, counted by the reader alone. */
function sampleEventCount(): number {
  const r = SessionReader.open(SAMPLE)
  let n = 0
  for (const batch of r.batches()) n += batch.length
  r.close()
  return n
}

const hosts: ScoringHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()))
})

function startHost(checkpointIntervalMs?: number) {
  const latest = new Map<string, MarketSnapshot>()
  const restarts: string[] = []
  const host = new ScoringHost({
    workerPath: TS_WORKER,
    workerOptions: { workerData: { entry: WORKER, checkpointIntervalMs } },
    logger: createMemoryLogger(),
    onSnapshots: (batch) => {
      for (const s of batch) latest.set(s.key, s)
    },
    onStatusChange: () => {},
    onRestart: (reason) => restarts.push(reason),
  })
  hosts.push(host)
  host.start()
  return { host, latest, restarts }
}

/** Plays the sample at max speed to its end; `feed` hands the reading to the worker. */
async function play(
  h: ReturnType<typeof startHost>,
  feed: boolean,
  drive?: (src: ReplaySource) => void,
): Promise<{ events: number; snapshots: string }> {
  h.host.reset()
  const src = new ReplaySource(SAMPLE, {
    speed: 'max',
    settled: () => h.host.settled(),
    ...(feed ? { feed: (req, onProgress) => h.host.feedSession(req, onProgress) } : {}),
  })
  const ended = new Promise<void>((done) => src.onChange((p) => p.state === 'ended' && done()))
  let sent = 0
  await src.start((events) => {
    sent += events.length
    h.host.send(events)
  })
  drive?.(src)
  await ended
  const events = src.position().eventsEmitted
  await src.stop()
  await h.host.settled()
  // Every market's final snapshot, wall-clock fields aside, in key order.
  const snapshots = JSON.stringify(
    [...h.latest.values()]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((s) => ({ ...s, evaluatedAtMs: null })),
  )
  if (!feed) expect(sent).toBe(events)
  return { events, snapshots }
}

describe('max-speed replay read by the scoring worker', { timeout: 120_000 }, () => {
  it('scores exactly what the clock sending every batch scores, and counts every event once', async () => {
    const total = sampleEventCount()
    const h = startHost()
    const sent = await play(h, false)
    const fed = await play(h, true)
    expect(sent.events).toBe(total)
    expect(fed.events).toBe(total)
    expect(fed.snapshots).toBe(sent.snapshots)
  })

  it('pauses, steps and plays on from where the worker stopped, with the same final scores', async () => {
    const total = sampleEventCount()
    const h = startHost()
    const straight = await play(h, true)
    let pausedAt: { state: string; events: number } | null = null
    const bumpy = await play(h, true, (src) => {
      // Paused while the worker reads, about a third of the way in.
      const off = src.onChange((p) => {
        if (pausedAt !== null || p.eventsEmitted < total * 0.3) return
        off()
        src.pause()
        pausedAt = { state: src.position().state, events: src.position().eventsEmitted }
        setTimeout(() => {
          src.step()
          src.step()
          src.play()
        }, 50)
      })
    })
    expect(pausedAt).not.toBeNull()
    expect(pausedAt!.state).toBe('paused')
    expect(pausedAt!.events).toBeLessThan(total)
    expect(bumpy.events).toBe(straight.events)
    expect(bumpy.snapshots).toBe(straight.snapshots)
  })

  it('a worker crash mid-replay resumes the reading from its last checkpoint without loss', async () => {
    const total = sampleEventCount()
    // Checkpoints every 100 ms: several land inside the feed before the crash.
    const h = startHost(100)
    const straight = await play(h, true)
    let crashedAt: number | null = null
    const crashed = await play(h, true, (src) => {
      const off = src.onChange((p) => {
        if (crashedAt !== null || p.eventsEmitted < total * 0.6) return
        crashedAt = p.eventsEmitted
        off()
        h.host.simulateFault('crash')
      })
    })
    // The crash hit the worker while it was reading, well past its first checkpoint.
    expect(crashedAt).not.toBeNull()
    expect(crashedAt!).toBeLessThan(total)
    expect(h.restarts).toHaveLength(1)
    expect(crashed.events).toBe(straight.events)
    expect(crashed.snapshots).toBe(straight.snapshots)
  })
})
