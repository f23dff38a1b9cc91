import { crc32 } from 'node:zlib'
import type { BookEvent } from '../../../src/shared/market-event'
import { DEFAULT_DATA_DIR, dataPath, readCaptureFile } from '../../../src/main/engine/emulator/recordings'

/** The last BTC-USDT book frame of OKX.jsonl.zst (16:27:16.096 UTC). */
export const LAST_BTC_BOOK_TS = 1652459236096

/** BTC-USDT book frames of OKX.jsonl.zst by their `ts`: OKX's CRC32 of the top 25 levels after that frame. */
export function recordedBtcBookChecksums(): Map<number, number> {
  const out = new Map<number, number>()
  for (const e of readCaptureFile(dataPath(DEFAULT_DATA_DIR, 'exchange-ws-recordings', 'OKX.jsonl.zst'))) {
    if (e.t !== 'recv' || !e.data?.includes('"channel":"books","instId":"BTC-USDT"')) continue
    const f = JSON.parse(e.data) as { data?: { ts: string; checksum: number }[] }
    for (const d of f.data ?? []) out.set(Number(d.ts), d.checksum)
  }
  return out
}

/**
 * A book the radar emitted, hashed as OKX does (`bidPx:bidSz:askPx:askSz:...` over the best 25 levels a
 * side, CRC32 as signed int32) with zlib's CRC: independent of the connector's own checksum code. BTC-USDT
 * spot levels print back to the strings OKX sent, so the hash equals OKX's when the book is right.
 */
export function okxHashOfBook(b: BookEvent): number {
  const parts: number[] = []
  for (let i = 0; i < 25; i++) {
    if (b.bids[i]) parts.push(...b.bids[i]!)
    if (b.asks[i]) parts.push(...b.asks[i]!)
  }
  return crc32(parts.map(String).join(':')) | 0
}

/** Connector options for hashing OKX books against the recording. */
export const OKX_BOOK_HASH_OPTIONS = {
  backfill: false as const,
  // Every ccxt book update becomes an event, 25 levels deep: enough for OKX's checksum.
  bookThrottleMs: 0,
  bookDepth: 25,
  // The recording is 10.8 s long; silence after its end must not reconnect (and replay it) mid-test.
  watchdogMs: 20_000,
}
