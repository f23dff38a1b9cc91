import type { MarketEvent } from '../../../src/shared/market-event'
import { LiveSource } from '../../../src/main/engine/connectors/live-source'
import type { LiveSourceOptions } from '../../../src/main/engine/connectors/live-source'
import type { RunningEmulator } from '../../../src/main/engine/emulator/emulator'

/** Short timings so reconnects and watchdogs resolve within a test. */
export const FAST = {
  watchdogMs: 1000,
  backoff: { baseMs: 50, maxMs: 400, jitter: 0.5 },
  restBudget: { concurrency: 2, backoff: { baseMs: 50, maxMs: 400, jitter: 0 }, maxRetries: 4 },
  flushMs: 20,
}

export function liveAgainst(emu: RunningEmulator, opts: Omit<LiveSourceOptions, 'overrides'>) {
  const o = { restUrl: emu.restUrl, wsUrl: emu.wsUrl }
  const src = new LiveSource({
    ...FAST,
    ...opts,
    overrides: { binanceusdm: o, binance: o, bybit: o, okx: o },
  })
  const events: MarketEvent[] = []
  return { src, events, start: () => src.start((batch) => events.push(...batch)) }
}

export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}
