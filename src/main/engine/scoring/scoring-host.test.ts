import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { TradeEvent } from '../../../shared/market-event'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { createMemoryLogger } from '../logging/logger'
import { ScoringHost } from './scoring-host'

// The real worker source, loaded through tsx so the test needs no build.
const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url))
const TS_WORKER = fileURLToPath(new URL('../../../../test/support/ts-worker.mjs', import.meta.url))

function trade(i: number): TradeEvent {
  return {
    type: 'trade',
    venue: 'binanceusdm',
    symbol: 'BTC/USDT:USDT',
    exchangeTsMs: 1_700_000_000_000 + i,
    receiveTsMs: 1_700_000_000_000 + i,
    price: 30_000 + i,
    qtyBase: 0.01,
    takerSide: 'buy',
    tradeId: String(i),
  }
}

const until = async (cond: () => boolean, timeoutMs = 25_000): Promise<void> => {
  const start = Date.now()
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('ScoringHost', { timeout: 60_000 }, () => {
  let host: ScoringHost | null = null
  afterEach(async () => {
    await host?.stop()
    host = null
  })

  function startHost(timing = {}, limits: { maxQuickRestarts?: number; restartBackoffMs?: number } = {}) {
    const latest = new Map<string, MarketSnapshot>()
    const restarts: string[] = []
    let batches = 0
    host = new ScoringHost({
      workerPath: TS_WORKER,
      workerOptions: { workerData: { entry: WORKER } },
      logger: createMemoryLogger(),
      onSnapshots: (batch) => {
        batches++
        for (const s of batch) latest.set(s.key, s)
      },
      onStatusChange: () => {},
      onRestart: (reason) => restarts.push(reason),
      timing,
      ...limits,
    })
    host.start()
    return { latest, restarts, batches: () => batches }
  }

  it('batches snapshots instead of answering every event', async () => {
    const { latest, batches } = startHost()
    await until(() => host!.getStatus().state === 'running')
    for (let i = 0; i < 2000; i++) host!.send([trade(i)])
    await until(() => latest.get('binanceusdm:BTC/USDT:USDT')?.eventCount === 2000)
    expect(latest.get('binanceusdm:BTC/USDT:USDT')?.lastPrice).toBe(31_999)
    // 2,000 single-event messages answered within a few 100 ms batches, not 2,000 replies.
    expect(batches()).toBeLessThan(20)
  })

  it('settles only after every sent event is scored and its snapshot delivered', async () => {
    const { latest } = startHost()
    await until(() => host!.getStatus().state === 'running')
    // 50 batches of 2,000 trades sent at once: far more than the worker scores before the call returns.
    for (let b = 0; b < 50; b++) host!.send(Array.from({ length: 2000 }, (_, i) => trade(b * 2000 + i)))
    await host!.settled()
    const snap = latest.get('binanceusdm:BTC/USDT:USDT')
    expect(snap?.eventCount).toBe(100_000)
    // Last trade i = 99,999 at 30,000 + i.
    expect(snap?.lastPrice).toBe(129_999)
  })

  it('restarts a crashed worker and restores checkpoint + later events without loss', async () => {
    const { latest, restarts } = startHost({ checkpointIntervalMs: 100 })
    await until(() => host!.getStatus().state === 'running')
    host!.send([trade(0), trade(1), trade(2)])
    await new Promise((r) => setTimeout(r, 400)) // a checkpoint covering 3 events is taken
    host!.send([trade(3), trade(4)])
    host!.simulateFault('crash')
    await until(() => restarts.length === 1)
    expect(restarts[0]).toMatch(/simulated scoring worker crash/)
    host!.requestSnapshots()
    await until(
      () =>
        latest.get('binanceusdm:BTC/USDT:USDT')?.eventCount === 5 && host!.getStatus().state === 'running',
    )
    expect(host!.getStatus().restarts).toBe(1)
    host!.send([trade(5)])
    await until(() => latest.get('binanceusdm:BTC/USDT:USDT')?.eventCount === 6)
  })

  it('treats a worker that stops sending heartbeats as hung and restarts it', async () => {
    const { restarts } = startHost({ heartbeatTimeoutMs: 1000 })
    await until(() => host!.getStatus().state === 'running')
    host!.simulateFault('hang')
    await until(() => restarts.length === 1)
    expect(restarts[0]).toMatch(/no heartbeat for 1\.\d s/)
    await until(() => host!.getStatus().state === 'running')
  })

  it('does not take its own thread being blocked for a hung worker', async () => {
    const { restarts } = startHost({ heartbeatTimeoutMs: 600 })
    await until(() => host!.getStatus().state === 'running')
    // Three times the timeout of synchronous work here, as a long in-process task would do.
    const until2s = Date.now() + 1800
    while (Date.now() < until2s) {
      // Busy: neither timers nor worker messages run.
    }
    await new Promise((r) => setTimeout(r, 1200))
    expect(restarts).toEqual([])
    expect(host!.getStatus().state).toBe('running')
  })

  it('backs off and gives up with a clear state after repeated quick failures, until a new timeline', async () => {
    const { latest, restarts } = startHost({}, { maxQuickRestarts: 3, restartBackoffMs: 50 })
    await until(() => host!.getStatus().state === 'running')
    for (let i = 1; i <= 3; i++) {
      host!.simulateFault('crash')
      await until(() => restarts.length === i)
      if (i < 3) await until(() => host!.getStatus().state === 'running')
    }
    expect(host!.getStatus().state).toBe('failed')
    expect(host!.getStatus().lastRestartReason).toMatch(/^gave up after 3 restarts within 60 s/)
    // Failed means stopped: no fourth respawn happens on its own.
    await new Promise((r) => setTimeout(r, 600))
    expect(host!.getStatus().restarts).toBe(3)
    // A new source starts afresh.
    host!.reset()
    await until(() => host!.getStatus().state === 'running')
    host!.send([trade(0)])
    host!.requestSnapshots()
    await until(() => latest.get('binanceusdm:BTC/USDT:USDT')?.eventCount === 1)
  })
})
