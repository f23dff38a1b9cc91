import { describe, expect, it } from 'vitest'
import { FrameGuard } from './frame-guard'
import type { OkxChecksumMismatch } from './okx-book-verifier'
import { OkxBookVerifier } from './okx-book-verifier'

const URL = 'ws://127.0.0.1/ws/v5/public'
// Published example of OKX's layout (one level a side): "9:2:10:1" hashes to 1226559413.
const NINE_TEN = 1226559413

const frame = (action: string | undefined, bids: unknown[], asks: unknown[], checksum: unknown) => ({
  arg: { channel: 'books', instId: 'BTC-USDT' },
  ...(action ? { action } : {}),
  data: [{ bids, asks, ts: '1652459225381', checksum }],
})

describe('OkxBookVerifier', () => {
  it('verifies a book frame by frame and reports a mismatch once, until the next snapshot', () => {
    const v = new OkxBookVerifier()
    expect(v.check(URL, frame('snapshot', [['9', '2', '0', '1']], [['10', '1', '0', '1']], NINE_TEN))).toBe(
      'ok',
    )
    // The update sets bid 9 to "3": "9:3:10:1" no longer hashes to 1226559413.
    const bad = v.check(URL, frame('update', [['9', '3', '0', '1']], [], NINE_TEN)) as OkxChecksumMismatch
    expect(bad).toMatchObject({ channel: 'books', instId: 'BTC-USDT', sent: NINE_TEN })
    expect(bad.computed).not.toBe(NINE_TEN)
    // The book is forgotten: later updates have nothing to be checked against ...
    expect(v.check(URL, frame('update', [['9', '4', '0', '1']], [], 12345))).toBe('ok')
    // ... until the resync's snapshot, which is verified again (here: bid 9 back at "2").
    expect(v.check(URL, frame('snapshot', [['9', '2', '0', '1']], [['10', '1', '0', '1']], NINE_TEN))).toBe(
      'ok',
    )
    // Removing bid 9 leaves "10:1"; a checksum of 1226559413 cannot hold any more.
    expect(v.check(URL, frame('update', [['9', '0', '0', '0']], [], NINE_TEN))).toMatchObject({
      sent: NINE_TEN,
    })
  })

  it('treats a checksum of 0 as not given (OKX sends 0 since it deprecated the field)', () => {
    const v = new OkxBookVerifier()
    expect(v.check(URL, frame('snapshot', [['9', '2']], [['10', '1']], 0))).toBe('ok')
    expect(v.check(URL, frame('update', [['9', '3']], [], 0))).toBe('ok')
  })

  it('ignores channels without a checksum and flags levels that are not price/size strings', () => {
    const v = new OkxBookVerifier()
    // books5 pushes whole top-5 books without an action or a checksum.
    expect(
      v.check(URL, { ...frame(undefined, [['9', '2']], [], 1), arg: { channel: 'books5', instId: 'X' } }),
    ).toBe(null)
    expect(v.check(URL, { arg: { channel: 'trades', instId: 'BTC-USDT' }, data: [{ px: '1' }] })).toBe(null)
    expect(v.check(URL, frame('snapshot', [[9, 2]], [], NINE_TEN))).toBe('malformed')
    expect(v.check(URL, frame('snapshot', [['9', 'abc']], [], NINE_TEN))).toBe('malformed')
    expect(v.check(URL, { ...frame('update', [], [], 1), data: [] })).toBe('malformed')
  })

  it('keeps books apart per connection and instrument', () => {
    const v = new OkxBookVerifier()
    expect(v.check(URL, frame('snapshot', [['9', '2']], [['10', '1']], NINE_TEN))).toBe('ok')
    // The same instrument on another connection has no snapshot there yet: nothing to verify.
    expect(v.check('ws://other/ws/v5/public', frame('update', [['9', '3']], [], NINE_TEN))).toBe('ok')
    expect(v.check(URL, frame('update', [['8', '0']], [], NINE_TEN))).toBe('ok')
  })
})

describe('FrameGuard on OKX books', () => {
  it('counts a checksum mismatch as a sequence gap, logs it once and reports every one for a resync', () => {
    const lines: string[] = []
    const mismatches: OkxChecksumMismatch[] = []
    const g = new FrameGuard(
      'okx',
      (l) => lines.push(l),
      (_url, m) => {
        if ('instId' in m) mismatches.push(m)
      },
    )
    const snapshot = frame('snapshot', [['9', '2']], [['10', '1']], NINE_TEN)
    expect(g.inspect(URL, snapshot)).toBe('ok')
    expect(g.inspect(URL, frame('update', [['9', '3']], [], NINE_TEN))).toBe('seqGap')
    expect(g.inspect(URL, snapshot)).toBe('ok')
    expect(g.inspect(URL, frame('update', [['9', '5']], [], NINE_TEN))).toBe('seqGap')
    expect(g.counts).toEqual({ malformed: 0, duplicate: 0, outOfOrder: 0, seqGap: 2 })
    expect(mismatches.map((m) => m.instId)).toEqual(['BTC-USDT', 'BTC-USDT'])
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('books BTC-USDT checksum mismatch')
    expect(g.inspect(URL, frame('snapshot', [['9', 'x']], [], 1))).toBe('malformed')
  })

  it('does not verify books of other venues', () => {
    const g = new FrameGuard(
      'bybit',
      () => {},
      () => {
        throw new Error('no OKX verification on bybit')
      },
    )
    expect(g.inspect(URL, frame('update', [['9', '3']], [], 1))).toBe('ok')
  })
})
