import { join } from 'node:path'
import { expect } from '@playwright/test'
import type { MarketSnapshot } from '../../src/shared/scoring/snapshot'
import type { RunningServer } from '../support/radar-server'
import { REPO_ROOT, openApiSocket } from '../support/radar-server'

/*
 * What the fixtures and the helpers both need: asking the engine directly and replaying a sample to its end.
 * Kept apart from fixtures.ts and the helpers so neither imports the other.
 */

export const WEEK_PATH = join(REPO_ROOT, 'resources/samples/binance-futures-metrics-2024-05-09-week.radar')
export const AUG_PATH = join(REPO_ROOT, 'resources/samples/binance-btc-eth-2024-08-08.radar')

/** Asks the engine directly (as a second client), to check what the UI shows against the engine's state. */
export async function engineCall<T>(server: RunningServer, channel: string, payload?: unknown): Promise<T> {
  const api = await openApiSocket(server)
  try {
    const res = await api.call({ kind: 'invoke', id: 1, channel, payload })
    if (res.ok !== true) throw new Error(`${channel}: ${String(res.error)}`)
    return res.value as T
  } finally {
    api.close()
  }
}

/**
 * Opens a bundled sample through the api and replays it to its end at full speed. The bounds are generous:
 * on two busy cores a max-speed replay of the August sample takes well over 30 s.
 */
export async function replayToEnd(server: RunningServer, path: string): Promise<MarketSnapshot[]> {
  await engineCall(server, 'openSession', { path })
  await engineCall(server, 'replayControl', { action: 'speed', speed: 'max' })
  await engineCall(server, 'replayControl', { action: 'play' })
  await expect
    .poll(async () => (await engineCall<{ state: string }>(server, 'getReplayPosition')).state, {
      timeout: 120_000,
    })
    .toBe('ended')
  // Ended means every event left the clock; wait until the scoring worker has processed them all too.
  const { eventsEmitted } = await engineCall<{ eventsEmitted: number }>(server, 'getReplayPosition')
  await expect
    .poll(
      async () =>
        (await engineCall<{ worker: { eventsProcessed: number } }>(server, 'getEngineStatus')).worker
          .eventsProcessed,
      { timeout: 30_000 },
    )
    .toBe(eventsEmitted)
  // The last snapshot batches trail the clock: wait until two reads a second apart agree.
  let snaps: MarketSnapshot[] = []
  let previous = ''
  await expect
    .poll(
      async () => {
        snaps = await engineCall<MarketSnapshot[]>(server, 'getSnapshots')
        const now = JSON.stringify(snaps.map((s) => [s.key, s.evaluatedAtMs, s.eventCount]))
        const settled = snaps.length > 0 && now === previous
        previous = now
        return settled
      },
      { timeout: 15_000, intervals: [1000] },
    )
    .toBe(true)
  return snaps
}
