import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BookEvent, MarketEvent } from '../../../src/shared/market-event'
import { startEmulator } from '../../../src/main/engine/emulator/emulator'
import { DEFAULT_DATA_DIR, dataPath, readCaptureFile } from '../../../src/main/engine/emulator/recordings'
import type { RunningEmulator } from '../../../src/main/engine/emulator/emulator'
import type { LiveSource } from '../../../src/main/engine/connectors/live-source'
import { liveAgainst, until } from './helpers'

/*
 * BYBIT.jsonl.zst, linear connection (BYBIT.ws.2), orderbook.200.BTCUSDT, read by hand:
 *   ts 1786310860929 u 15077358: "b":[["65114.20","5.974"],...]  (tickers.BTCUSDT at ts 1786310860983
 *     confirms "bid1Price":"65114.20","bid1Size":"5.974")
 *   u 15077359 and u 15077360 do not touch 65114.20 on either side
 *   ts 1786310861229 u 15077361: "a":[["65114.30","9.060"],...]
 * The tick is 0.10, so 65114.30 is one tick above the best bid: it is the best ask (a better bid or ask would
 * cross the book), and 65114.20 is still the best bid. Book after u 15077361: bid 65114.20 x 5.974, ask
 * 65114.30 x 9.060.
 */
const CHECK_TS = 1786310861229
const BEST_BID: [number, number] = [65114.2, 5.974]
const BEST_ASK: [number, number] = [65114.3, 9.06]

/**
 * The recorded linear BTCUSDT book after each frame, by frame `ts`: best 20 levels a side, rebuilt here with a
 * plain price map (absolute sizes, 0 deletes), independent of ccxt and of the emulator's book state.
 */
function recordedTop20(): Map<number, { bids: [number, number][]; asks: [number, number][] }> {
  const out = new Map<number, { bids: [number, number][]; asks: [number, number][] }>()
  const bids = new Map<number, number>()
  const asks = new Map<number, number>()
  for (const e of readCaptureFile(dataPath(DEFAULT_DATA_DIR, 'exchange-ws-recordings', 'BYBIT.jsonl.zst'))) {
    if (e.t !== 'recv' || e.conn !== 'BYBIT.ws.2' || !e.data?.includes('"orderbook.200.BTCUSDT"')) continue
    const f = JSON.parse(e.data) as { type: string; ts: number; data: { b: string[][]; a: string[][] } }
    if (f.type === 'snapshot') [bids, asks].forEach((m) => m.clear())
    for (const [side, levels] of [
      [bids, f.data.b],
      [asks, f.data.a],
    ] as const)
      for (const [p, q] of levels) {
        if (Number(q) === 0) side.delete(Number(p))
        else side.set(Number(p), Number(q))
      }
    const top = (m: Map<number, number>, dir: number) =>
      [...m].sort((x, y) => dir * (x[0] - y[0])).slice(0, 20) as [number, number][]
    out.set(f.ts, { bids: top(bids, -1), asks: top(asks, 1) })
  }
  return out
}

let emu: RunningEmulator
let src: LiveSource
let events: MarketEvent[]
const books = () => events.filter((e): e is BookEvent => e.type === 'book' && e.symbol === 'BTC/USDT:USDT')

beforeAll(async () => {
  // Speed 6: the 41.5 s from the first linear book frame to CHECK_TS replay in about 7 s.
  emu = await startEmulator({ port: 0, speed: 6 })
  const live = liveAgainst(emu, {
    watchlist: [{ venue: 'bybit', symbols: ['BTC/USDT:USDT'] }],
    backfill: false,
    bookThrottleMs: 0,
    bookDepth: 20,
  })
  src = live.src
  events = live.events
  await live.start()
}, 10_000)
afterAll(async () => {
  await src.stop()
  await emu.close()
})

describe('Bybit book resync on a skipped update id against the emulator', () => {
  it('drops the gapped update, resubscribes, and the rebuilt book matches the recording', async () => {
    const guard = src.connectors[0]!.guard
    await until(() => books().length >= 3, 6000, 'the first BTCUSDT books')
    emu.inject('seqgap')
    await until(() => guard.counts.seqGap > 0, 4000, 'the skipped update id')
    await until(() => books().some((b) => b.exchangeTsMs === CHECK_TS), 10_000, 'the book at ts ' + CHECK_TS)
    const atCheck = books().find((b) => b.exchangeTsMs === CHECK_TS)!
    expect({ bid: atCheck.bids[0], ask: atCheck.asks[0] }).toEqual({ bid: BEST_BID, ask: BEST_ASK })
    // The recorded book holds 200 levels a side: a book that ccxt had started from deltas alone (no
    // snapshot) would hold a handful. Every book emitted, before and after the resync, is a full top 20.
    for (const b of books()) expect([b.bids.length, b.asks.length]).toEqual([20, 20])
    // And every book emitted, before the gap and after the resync, is the recorded book at its frame.
    const recorded = recordedTop20()
    for (const b of books())
      expect({ ts: b.exchangeTsMs, bids: b.bids, asks: b.asks }).toEqual({
        ts: b.exchangeTsMs,
        ...recorded.get(b.exchangeTsMs),
      })
    // One update id skipped, one gap; the book stream went its error path and resubscribed (a reconnect).
    expect(guard.counts).toEqual({ malformed: 0, duplicate: 0, outOfOrder: 0, seqGap: 1 })
    expect(src.venueStatuses()[0]!.counts.reconnects).toBeGreaterThanOrEqual(1)
  }, 15_000)
})
