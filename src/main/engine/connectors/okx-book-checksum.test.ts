import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { DEFAULT_DATA_DIR, dataPath, readCaptureFile } from '../emulator/recordings'
import type { OkxLevel } from './okx-book-checksum'
import { OkxLevelBook, okxBookChecksum, okxChecksumText, signedCrc32 } from './okx-book-checksum'

interface RecordedBookFrame {
  instId: string
  action: 'snapshot' | 'update'
  ts: string
  bids: OkxLevel[]
  asks: OkxLevel[]
  checksum: number
}

/** Every `books` frame of OKX.jsonl.zst in the order OKX sent them (BTC-USDT, UNI-USD-SWAP, BTC-USD-220527). */
function recordedBookFrames(): RecordedBookFrame[] {
  const out: RecordedBookFrame[] = []
  for (const e of readCaptureFile(dataPath(DEFAULT_DATA_DIR, 'exchange-ws-recordings', 'OKX.jsonl.zst'))) {
    if (e.t !== 'recv' || !e.data?.includes('"channel":"books"')) continue
    const f = JSON.parse(e.data) as {
      arg: { instId: string }
      action?: 'snapshot' | 'update'
      data?: { bids: string[][]; asks: string[][]; ts: string; checksum: number }[]
    }
    if (!f.action || !f.data) continue
    for (const d of f.data) {
      const lv = (side: string[][]) => side.map((l) => [l[0], l[1]] as unknown as OkxLevel)
      out.push({
        instId: f.arg.instId,
        action: f.action,
        ts: d.ts,
        bids: lv(d.bids),
        asks: lv(d.asks),
        checksum: d.checksum,
      })
    }
  }
  return out
}

describe('OKX book checksum', () => {
  it('is CRC-32 as a signed 32-bit integer', () => {
    // The published CRC-32 check value: crc32("123456789") = 0xCBF43926 = 3421780262 unsigned;
    // as int32: 3421780262 - 4294967296 = -873187034.
    expect(signedCrc32('123456789')).toBe(-873187034)
  })

  it('interleaves bid and ask levels and continues with the longer side alone', () => {
    // Bids 3, 2, 1 against a single ask 4: bid1:ask1, then the two remaining bids.
    const bids: OkxLevel[] = [
      ['3', '1'],
      ['2', '4'],
      ['1', '5'],
    ]
    expect(okxChecksumText(bids, [['4', '2']])).toBe('3:1:4:2:2:4:1:5')
    expect(okxBookChecksum(bids, [['4', '2']])).toBe(crc32('3:1:4:2:2:4:1:5') | 0)
    // The other way round: one bid, two asks.
    expect(
      okxChecksumText(
        [['9', '2']],
        [
          ['10', '1'],
          ['11', '3'],
        ],
      ),
    ).toBe('9:2:10:1:11:3')
    // Published example of this layout (Aevo's orderbook-checksum reference, one level a side):
    // bids [["9","2"]], asks [["10","1"]] -> "9:2:10:1" -> 1226559413 (below 2^31, so the same signed).
    expect(okxBookChecksum([['9', '2']], [['10', '1']])).toBe(1226559413)
  })

  it('reproduces the checksum of the recorded BTC-USDT snapshot from its best 25 levels a side', () => {
    // OKX.jsonl.zst, {"arg":{"channel":"books","instId":"BTC-USDT"},"action":"snapshot",...} ts 1652459225381,
    // "checksum":47640993. Its first 25 bids and asks (px, sz; the order-count fields are not hashed):
    const bids: OkxLevel[] = [
      ['30243.4', '0.0012029'],
      ['30236.6', '0.007903'],
      ['30236.1', '0.05452'],
      ['30235.9', '0.1016'],
      ['30235', '0.0002'],
      ['30234.1', '0.16'],
      ['30234', '0.07239171'],
      ['30233.9', '0.79685801'],
      ['30232', '0.01'],
      ['30230.8', '0.28156443'],
      ['30230.2', '0.85'],
      ['30230.1', '0.12784965'],
      ['30229.3', '0.00798335'],
      ['30229.2', '5.04689973'],
      ['30228.9', '0.07189416'],
      ['30228.7', '0.85286652'],
      ['30228.6', '0.01223199'],
      ['30227.7', '0.16'],
      ['30226.8', '0.12158052'],
      ['30225.2', '0.02098'],
      ['30225.1', '0.05'],
      ['30224.8', '0.01137'],
      ['30223.4', '0.33086945'],
      ['30222.8', '0.12'],
      ['30222.5', '0.00662176'],
    ]
    const asks: OkxLevel[] = [
      ['30243.5', '1.44679'],
      ['30244', '0.08'],
      ['30246.1', '0.05426064'],
      ['30247.5', '0.635'],
      ['30248.1', '0.0132'],
      ['30249.1', '0.09999997'],
      ['30249.4', '0.16562579'],
      ['30249.7', '0.06523858'],
      ['30251.8', '0.00047612'],
      ['30251.9', '0.1808'],
      ['30252.3', '0.27412546'],
      ['30252.6', '0.01648681'],
      ['30252.9', '0.19984'],
      ['30254', '0.05'],
      ['30255', '0.16'],
      ['30255.2', '0.04844827'],
      ['30257', '0.02484658'],
      ['30257.1', '0.93333757'],
      ['30258.1', '0.16'],
      ['30259.5', '0.00052769'],
      ['30259.6', '0.1'],
      ['30260.3', '0.04632884'],
      ['30260.4', '0.28027349'],
      ['30260.5', '0.74399463'],
      ['30261', '0.03'],
    ]
    expect(okxBookChecksum(bids, asks)).toBe(47640993)
    // The 26th levels (bid 30222.4, ask 30261.1) are beyond the hash: adding them changes nothing.
    expect(okxBookChecksum([...bids, ['30222.4', '0.22']], [...asks, ['30261.1', '0.06']])).toBe(47640993)
  })
})

describe('OKX level book', () => {
  it('applies absolute sizes, removes zero sizes and keeps each side best first', () => {
    const book = new OkxLevelBook()
    book.apply(
      'snapshot',
      [
        ['100', '1'],
        ['99', '2'],
      ],
      [['101', '1']],
    )
    // 99.5 lands between 100 and 99; 100 is removed; ask 101 is replaced, 102 is added behind it.
    book.apply(
      'update',
      [
        ['99.5', '3'],
        ['100', '0'],
      ],
      [
        ['101', '2'],
        ['102', '1'],
      ],
    )
    expect(book.top(5)).toEqual({
      bids: [
        ['99.5', '3'],
        ['99', '2'],
      ],
      asks: [
        ['101', '2'],
        ['102', '1'],
      ],
    })
    // A snapshot replaces everything that was there.
    book.apply('snapshot', [['50', '1']], [])
    expect(book.top(5)).toEqual({ bids: [['50', '1']], asks: [] })
  })

  it('hashes only the best 25 levels of a deeper book', () => {
    // Bids 130..101 (30 levels, size "1"), asks 131..160: only 130..106 and 131..155 are hashed.
    const book = new OkxLevelBook()
    const lv = (px: number): OkxLevel => [String(px), '1']
    book.apply(
      'snapshot',
      Array.from({ length: 30 }, (_, i) => lv(130 - i)),
      Array.from({ length: 30 }, (_, i) => lv(131 + i)),
    )
    const parts: string[] = []
    for (let i = 0; i < 25; i++) parts.push(`${130 - i}:1:${131 + i}:1`)
    expect(book.checksum()).toBe(crc32(parts.join(':')) | 0)
  })

  it('matches every checksum OKX sent in the recording, and the next one fails when an update is lost', () => {
    const frames = recordedBookFrames()
    // 290 book frames: a snapshot and its updates per instrument, each with OKX's checksum after that frame.
    expect(frames.length).toBe(290)
    const books = new Map<string, OkxLevelBook>()
    for (const f of frames) {
      if (f.action === 'snapshot') books.set(f.instId, new OkxLevelBook())
      const book = books.get(f.instId)!
      book.apply(f.action, f.bids, f.asks)
      expect({ instId: f.instId, ts: f.ts, checksum: book.checksum() }).toEqual({
        instId: f.instId,
        ts: f.ts,
        checksum: f.checksum,
      })
    }
    expect([...books.keys()].sort()).toEqual(['BTC-USD-220527', 'BTC-USDT', 'UNI-USD-SWAP'])
    // What the emulator's `seqgap` does: BTC-USDT update ts 1652459225453 never arrives; after the next one
    // (ts 1652459225569, checksum 2021784338) the book no longer hashes to what OKX sent.
    const btc = frames.filter((f) => f.instId === 'BTC-USDT')
    const lossy = new OkxLevelBook()
    lossy.apply('snapshot', btc[0]!.bids, btc[0]!.asks)
    lossy.apply('update', btc[2]!.bids, btc[2]!.asks)
    expect(btc[2]!.checksum).toBe(2021784338)
    expect(lossy.checksum()).not.toBe(2021784338)
  })
})
