import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BookEvent, MarketEvent } from '../../../src/shared/market-event'
import { startEmulator } from '../../../src/main/engine/emulator/emulator'
import type { RunningEmulator } from '../../../src/main/engine/emulator/emulator'
import type { LiveSource } from '../../../src/main/engine/connectors/live-source'
import { liveAgainst, until } from './helpers'
import {
  LAST_BTC_BOOK_TS,
  OKX_BOOK_HASH_OPTIONS,
  okxHashOfBook,
  recordedBtcBookChecksums,
} from './okx-recorded-books'

const recordedChecksums = recordedBtcBookChecksums()
// The recorded BTC-USDT snapshot: {"arg":{"channel":"books","instId":"BTC-USDT"},"action":"snapshot",...ts 1652459225381
const SNAPSHOT_TS = 1652459225381

let emu: RunningEmulator
let src: LiveSource
let events: MarketEvent[]
const books = () => events.filter((e): e is BookEvent => e.type === 'book' && e.symbol === 'BTC/USDT')

beforeAll(async () => {
  emu = await startEmulator({ port: 0, speed: 4 })
  const live = liveAgainst(emu, {
    watchlist: [{ venue: 'okx', symbols: ['BTC/USDT'] }],
    ...OKX_BOOK_HASH_OPTIONS,
  })
  src = live.src
  events = live.events
  await live.start()
}, 15_000)
afterAll(async () => {
  await src.stop()
  await emu.close()
})

describe('OKX book checksum verification against the emulator', () => {
  it('detects a skipped update by its checksum, resubscribes, and the rebuilt book matches the recording', async () => {
    const guard = src.connectors[0]!.guard
    await until(() => books().length >= 3, 8000, 'the first BTC-USDT books')
    emu.inject('seqgap')
    await until(() => guard.counts.seqGap > 0, 5000, 'the checksum mismatch after the skipped update')
    const beforeResync = books().length
    const lastTsBefore = books()[beforeResync - 1]!.exchangeTsMs
    await until(
      () =>
        books()
          .slice(beforeResync)
          .some((b) => b.exchangeTsMs === LAST_BTC_BOOK_TS),
      8000,
      'the rebuilt book to reach the end of the recording',
    )
    const after = books().slice(beforeResync)
    // The resubscription replays the channel from its snapshot: the book starts over from 16:27:05.381.
    expect(Math.min(...after.map((b) => b.exchangeTsMs))).toBeLessThan(lastTsBefore)
    expect(after.some((b) => b.exchangeTsMs <= SNAPSHOT_TS + 200)).toBe(true)
    // No book the radar emitted, before or after the resync, differs from what OKX's checksum says.
    for (const b of books()) {
      expect({ ts: b.exchangeTsMs, checksum: okxHashOfBook(b) }).toEqual({
        ts: b.exchangeTsMs,
        checksum: recordedChecksums.get(b.exchangeTsMs),
      })
    }
    // One update was lost, so one mismatch; it went the stream's usual error path (a reconnect counted).
    expect(guard.counts).toEqual({ malformed: 0, duplicate: 0, outOfOrder: 0, seqGap: 1 })
    expect(src.venueStatuses()[0]!.counts.reconnects).toBeGreaterThanOrEqual(1)
  }, 20_000)
})
