import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { constants, deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { MarketEvent, TradeEvent } from '../../../shared/market-event'
import {
  encodeFileHeader,
  encodeFrame,
  encodeFrameHeader,
  ENCODING_DEFLATE_JSON,
  FRAME_HEADER_BYTES,
  FrameType,
  type FrameTypeCode,
} from './format'
import { listSessions } from './list-sessions'
import { SessionBatcher } from './session-batcher'
import { SessionReader } from './session-reader'
import { validateEvent } from './validate-event'

/**
 * Crafted and mutated session files with valid checksums: every one must open (keeping what is valid and
 * naming what is not) or be refused with a message, within a time bound, and never yield an invalid event.
 */

const T0 = Date.UTC(2024, 0, 1)
const dir = mkdtempSync(join(tmpdir(), 'radar-fuzz-'))
let fileNo = 0

const trade = (i: number, patch: Record<string, unknown> = {}): MarketEvent =>
  ({
    type: 'trade',
    venue: 'binance',
    symbol: 'BTC/USDT',
    exchangeTsMs: T0 + i * 10,
    receiveTsMs: T0 + i * 10,
    price: 100,
    qtyBase: 1,
    takerSide: 'sell',
    tradeId: String(i),
    ...patch,
  }) as MarketEvent

const META = {
  formatVersion: 1,
  label: 'fuzz',
  source: { kind: 'import', format: 'test', files: [] },
  provenance: 'test',
  importer: null,
  createdAtMs: T0,
  venues: ['binance'],
  markets: ['binance:BTC/USDT'],
  startTsMs: T0,
  endTsMs: T0,
  eventCount: 0,
  eventCounts: {},
  dataQuality: [],
}

/** One frame with valid header and payload CRCs around whatever payload the test crafts. */
function frame(type: FrameTypeCode, payload: Buffer, count = 0, minTsMs = NaN, maxTsMs = NaN): Buffer {
  return encodeFrame(type, ENCODING_DEFLATE_JSON, payload, count, minTsMs, maxTsMs)
}

const json = (v: unknown) => deflateRawSync(Buffer.from(JSON.stringify(v)))
const metaFrame = (m: unknown = META) => frame(FrameType.meta, json(m))
/** Header times come from the events unless given, as the writer does. */
function eventsFrame(events: unknown[], minTs?: number, maxTs?: number): Buffer {
  const ts = events.map((e) => (e as { exchangeTsMs: number }).exchangeTsMs)
  return frame(
    FrameType.events,
    json(events),
    events.length,
    minTs ?? Math.min(...ts),
    maxTs ?? Math.max(...ts),
  )
}
const closeFrame = () => frame(FrameType.close, Buffer.alloc(0))

function save(...parts: Buffer[]): string {
  const path = join(dir, `f${fileNo++}.radar`)
  writeFileSync(path, Buffer.concat([encodeFileHeader(), ...parts]))
  return path
}

/** 20 frames of 100 trades each (ids 0..1999), 1 s of exchange time per frame, closed. */
function cleanParts(): Buffer[] {
  const frames = [metaFrame()]
  for (let k = 0; k < 20; k++)
    frames.push(eventsFrame(Array.from({ length: 100 }, (_, i) => trade(k * 100 + i))))
  return [...frames, metaFrame(), closeFrame()]
}

/** Rewrites the length field of events frame 2 (parts[3]) with valid CRCs: a crafted or damaged header. */
function withLength(parts: Buffer[], bytes: (frame: Buffer, restBytes: number) => number): Buffer[] {
  const f2 = parts[3]!
  const rest = parts.slice(4).reduce((n, p) => n + p.length, 0)
  const h = encodeFrameHeader({
    type: FrameType.events,
    encoding: ENCODING_DEFLATE_JSON,
    payloadBytes: bytes(f2, rest),
    count: 100,
    minTsMs: T0 + 2000,
    maxTsMs: T0 + 2990,
    payloadCrc: f2.readUInt32LE(32),
  })
  parts[3] = Buffer.concat([h, f2.subarray(FRAME_HEADER_BYTES)])
  return parts
}

/** Opens and replays through the batcher, as the app does; throws only the refusal of `open`. */
function replay(path: string) {
  const t0 = performance.now()
  const r = SessionReader.open(path)
  const batcher = new SessionBatcher(r.events())
  const events: MarketEvent[] = []
  let batches = 0
  for (let b = batcher.next(); b; b = batcher.next()) {
    batches++
    events.push(...b.events)
  }
  r.close()
  return { r, events, batches, ms: performance.now() - t0 }
}

const ids = (events: MarketEvent[]) => events.map((e) => Number((e as TradeEvent).tradeId))

describe('crafted session files', () => {
  it('events with price ≤ 0, type constructor/__proto__, or ts 1e308 are skipped and reported; replay runs', () => {
    const bad = [
      trade(100, { price: 0 }),
      trade(101, { price: -5 }),
      trade(102, { type: 'constructor' }),
      trade(103, { type: '__proto__' }),
      trade(104, { qtyBase: 1e308 }),
    ]
    const goodA = Array.from({ length: 100 }, (_, i) => trade(i))
    const goodB = Array.from({ length: 100 }, (_, i) => trade(200 + i))
    // A ts of 1e308 in a frame whose header admits it: the header itself is refused as out of range.
    const hugeTs = eventsFrame([trade(300, { exchangeTsMs: 1e308 })])
    const path = save(
      metaFrame(),
      eventsFrame(goodA),
      eventsFrame(bad),
      hugeTs,
      eventsFrame(goodB),
      closeFrame(),
    )

    const { r, events, batches } = replay(path)
    expect(ids(events)).toEqual([...goodA, ...goodB].map((_, i) => (i < 100 ? i : 100 + i)))
    // 100 trades 10 ms apart per side: 10 batches of 100 ms each, no merge from the huge time.
    expect(batches).toBe(20)
    const kinds = r.damage.map((d) => d.kind).sort()
    expect(kinds).toEqual(['bad-events', 'bad-frame'])
    const badEvents = r.damage.find((d) => d.kind === 'bad-events')!
    expect(badEvents.eventsLost).toBe(5)
    expect(badEvents.message).toContain('price must be greater than 0 (got 0)')
    expect(r.damage.find((d) => d.kind === 'bad-frame')!.message).toMatch(/not a span of 2009–2100/)
  })

  it('an event outside its frame header’s time range is skipped (the header is the seek index)', () => {
    const events = [trade(0), trade(1), trade(5000)]
    const path = save(metaFrame(), eventsFrame(events, T0, T0 + 10), closeFrame())
    const { r, events: got } = replay(path)
    expect(ids(got)).toEqual([0, 1])
    expect(r.damage[0]!.message).toContain("outside its frame's time range")
  })

  it('a last metadata frame with wrong types keeps the earlier values and reaches the list validated', () => {
    const hostile = { ...META, label: { x: 1 }, markets: 5, venues: ['nope'], eventCount: -1, __proto__x: 1 }
    const path = save(metaFrame(), eventsFrame([trade(0)]), metaFrame(hostile), closeFrame())
    const r = SessionReader.open(path)
    expect(r.metadata.label).toBe('fuzz')
    expect(r.metadata.markets).toEqual(['binance:BTC/USDT'])
    expect(r.damage).toHaveLength(1)
    expect(r.damage[0]!.kind).toBe('bad-metadata')
    expect(r.damage[0]!.message).toMatch(/label has the wrong type.*markets has the wrong type/)

    // The listing: the same validated metadata and the damage as a note.
    writeFileSync(join(dir, 'list.radar'), readFileSync(path))
    const listed = listSessions(dir).find((l) => l.path.endsWith('list.radar'))!
    expect(listed.metadata!.label).toBe('fuzz')
    expect(Array.isArray(listed.metadata!.markets)).toBe(true)
    expect(listed.notes.some((n) => n.includes('Damaged metadata frame'))).toBe(true)
  })

  it('a metadata frame that is not an object, or a prototype key, never replaces the metadata', () => {
    const proto = Buffer.from('{"label":"ok","__proto__":{"polluted":true},"markets":["binance:X/Y"]}')
    const path = save(
      metaFrame(),
      metaFrame([1, 2]),
      frame(FrameType.meta, deflateRawSync(proto)),
      closeFrame(),
    )
    const r = SessionReader.open(path)
    expect(r.metadata.label).toBe('ok')
    expect(r.metadata.markets).toEqual(['binance:X/Y'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((r.metadata as unknown as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('a 1.5 MB decompression bomb is refused quickly, the rest of the file kept', () => {
    // Deflate blocks ending in a sync flush concatenate: 1,500 × 1 MiB of zeros ≈ 1.5 MB compressed.
    const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_SYNC_FLUSH, level: 9 })
    const bomb = Buffer.concat([...new Array<Buffer>(1500).fill(block), Buffer.from([0x03, 0x00])])
    expect(bomb.length).toBeGreaterThan(1_400_000)
    const good = Array.from({ length: 100 }, (_, i) => trade(i))
    const path = save(
      metaFrame(),
      frame(FrameType.meta, bomb),
      eventsFrame(good),
      frame(FrameType.events, bomb, 8192, T0 + 2000, T0 + 3000),
      closeFrame(),
    )
    const { r, events, ms } = replay(path)
    expect(events).toHaveLength(100)
    expect(ms).toBeLessThan(10_000)
    expect(r.damage.map((d) => d.kind).sort()).toEqual(['bad-frame', 'bad-metadata'])
    expect(r.notes().join(' ')).toMatch(/inflates past its \d+-byte limit/)
  }, 30_000)

  it('a 200 MiB length field with a valid header CRC resyncs to the next frame instead of dropping the rest', () => {
    const parts = withLength(cleanParts(), () => 200 * 1024 * 1024)
    const { r, events } = replay(save(...parts))
    expect(events).toHaveLength(1900)
    expect(ids(events).includes(199) && !ids(events).includes(200) && ids(events).includes(300)).toBe(true)
    expect(r.cutShort).toBe(false)
    expect(r.damage).toHaveLength(1)
    expect(r.damage[0]!.message).toContain('runs past the end')
  })

  it('a length field that swallows the following frames resumes at the first frame inside it', () => {
    const parts = withLength(cleanParts(), (f2, rest) => f2.length - FRAME_HEADER_BYTES + rest - 10)
    const { r, events } = replay(save(...parts))
    expect(events).toHaveLength(1900)
    expect(r.damage[0]).toMatchObject({ kind: 'bad-frame', eventsLost: 100 })
  })

  it('a file joined with itself reads each event once and says so', () => {
    const path = save(...cleanParts())
    const once = readFileSync(path)
    writeFileSync(path, Buffer.concat([once, once]))
    const { r, events } = replay(path)
    expect(ids(events)).toEqual(Array.from({ length: 2000 }, (_, i) => i))
    const dup = r.damage.find((d) => d.kind === 'duplicate-frames')!
    expect(dup.eventsLost).toBe(2000)
    expect(r.notes().join(' ')).toContain('two files joined')
    expect(r.damage.filter((d) => d.kind === 'duplicate-frames')).toHaveLength(1)
  })

  it('a folder or a FIFO named like a session is refused without blocking, in the reader and the list', () => {
    const sub = mkdtempSync(join(tmpdir(), 'radar-fuzz-list-'))
    mkdirSync(join(sub, 'folder.radar'))
    const fifo = join(sub, 'pipe.radar')
    const hasFifo = spawnSync('mkfifo', [fifo]).status === 0
    expect(() => SessionReader.open(join(sub, 'folder.radar'))).toThrow(/not a regular file/)
    const listed = listSessions(sub)
    expect(listed.map((l) => l.notes[0])).toEqual(
      listed.map(() => expect.stringMatching(/not a regular file, so not a session/)),
    )
    expect(listed).toHaveLength(hasFifo ? 2 : 1)
  })

  it('150 seeded mutations each open or are refused within the bound, yielding only valid events', () => {
    const base = Buffer.concat([encodeFileHeader(), ...cleanParts()])
    let seed = 20261207
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0
      return seed % n
    }
    let opened = 0
    let refused = 0
    for (let k = 0; k < 150; k++) {
      const b = Buffer.from(base)
      const mode = k % 5
      let out: Buffer = b
      if (mode === 0) for (let j = 0; j < 1 + rnd(8); j++) b[rnd(b.length)] = rnd(256)
      else if (mode === 1) out = b.subarray(0, rnd(b.length))
      else if (mode === 2) {
        // A header rewritten with a random length and count but valid CRCs (a crafted file).
        const at = b.indexOf('RFRM', 16 + rnd(b.length - 16))
        if (at > 0) {
          b.writeUInt32LE(rnd(0xffffffff), at + 8)
          b.writeUInt32LE(rnd(20000), at + 12)
          encodeFrameHeader({
            type: b[at + 4] as FrameTypeCode,
            encoding: 1,
            payloadBytes: b.readUInt32LE(at + 8) % (300 * 1024 * 1024),
            count: b.readUInt32LE(at + 12),
            minTsMs: b.readDoubleLE(at + 16),
            maxTsMs: b.readDoubleLE(at + 24),
            payloadCrc: b.readUInt32LE(at + 32),
          }).copy(b, at)
        }
      } else if (mode === 3) {
        const events: unknown[] = Array.from({ length: 1 + rnd(5) }, (_, i) => trade(i))
        const keys = ['price', 'qtyBase', 'exchangeTsMs', 'type', 'venue', 'symbol', 'takerSide', 'tradeId']
        const values = [0, -1, 1e308, NaN, null, '1', 'constructor', '__proto__', {}, [], 1e-320, 2 ** 53]
        for (const e of events)
          (e as Record<string, unknown>)[keys[rnd(keys.length)]!] = values[rnd(values.length)]
        out = Buffer.concat([
          encodeFileHeader(),
          metaFrame(),
          eventsFrame(events, T0, T0 + 100),
          closeFrame(),
        ])
      } else {
        out = Buffer.concat([b, b.subarray(rnd(b.length))])
      }
      const path = join(dir, `m${k}.radar`)
      writeFileSync(path, out)
      const t0 = performance.now()
      try {
        const { events } = replay(path)
        expect(events.filter((e) => validateEvent(e) !== null)).toEqual([])
        opened++
      } catch (err) {
        expect((err as Error).message).toMatch(/session|header|bytes/)
        refused++
      }
      expect(performance.now() - t0).toBeLessThan(3000)
    }
    expect(opened + refused).toBe(150)
    expect(opened).toBeGreaterThan(100)
  }, 120_000)
})
