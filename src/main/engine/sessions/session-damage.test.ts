import { appendFileSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TradeEvent } from '../../../shared/market-event'
import { FRAME_HEADER_BYTES, FrameType } from './format'
import { SessionReader } from './session-reader'
import { SessionWriter } from './session-writer'

const T0 = Date.UTC(2024, 0, 1) // 2024-01-01T00:00:00Z

/** 2,000 trades, one every 10 ms: 20 s of data, so 1 s frames hold exactly 100 events each. */
function writeSession(encoding: 1 | 2): string {
  const path = join(mkdtempSync(join(tmpdir(), 'radar-dmg-')), 's.radar')
  const w = SessionWriter.open(
    path,
    {
      label: 'damage test',
      source: { kind: 'import', format: 'test', files: [] },
      provenance: 'test',
      importer: null,
    },
    { encoding },
  )
  const events: TradeEvent[] = []
  for (let i = 0; i < 2000; i++) {
    const ts = T0 + i * 10
    events.push({
      type: 'trade',
      venue: 'binance',
      symbol: 'BTC/USDT',
      exchangeTsMs: ts,
      receiveTsMs: ts,
      price: 100,
      qtyBase: 1,
      takerSide: 'sell',
      tradeId: String(i),
    })
  }
  w.append(events)
  w.close()
  return path
}

const eventFrames = (r: SessionReader) => r.frames.filter((f) => f.type === FrameType.events)
const ids = (r: SessionReader) => [...r.events()].map((e) => Number((e as TradeEvent).tradeId))

// Every damage property holds for JSON frames (format 1) and columnar frames (format 2) alike.
describe.each([1, 2] as const)('damaged session files, events encoding %i', (encoding) => {
  it('an intact file has 20 frames of 100 events in the chosen encoding and no notes', () => {
    const r = SessionReader.open(writeSession(encoding))
    expect(eventFrames(r).map((f) => f.count)).toEqual(new Array(20).fill(100))
    expect(eventFrames(r).every((f) => f.encoding === encoding)).toBe(true)
    expect(ids(r)).toEqual(Array.from({ length: 2000 }, (_, i) => i))
    expect(r.notes()).toEqual([])
    expect(r.cutShort).toBe(false)
  })

  it('flipped bytes inside frame 7 lose exactly that frame (events 700–799, 00:00:07.000–07.990)', () => {
    const path = writeSession(encoding)
    const f7 = eventFrames(SessionReader.open(path))[7]!
    const bytes = readFileSync(path)
    const mid = f7.offset + FRAME_HEADER_BYTES + Math.floor(f7.payloadBytes / 2)
    bytes[mid] = bytes[mid]! ^ 0xff
    bytes[mid + 1] = bytes[mid + 1]! ^ 0xff
    writeFileSync(path, bytes)

    const r = SessionReader.open(path)
    expect(r.damage).toHaveLength(1)
    expect(r.damage[0]).toMatchObject({
      kind: 'bad-frame',
      eventsLost: 100,
      fromTsMs: T0 + 7000,
      toTsMs: T0 + 7990,
    })
    expect(r.damage[0]!.message).toContain(
      'lost 100 events between 2024-01-01T00:00:07.000Z and 2024-01-01T00:00:07.990Z',
    )
    const got = ids(r)
    expect(got).toHaveLength(1900)
    expect(got.includes(699) && got.includes(800) && !got.includes(700) && !got.includes(799)).toBe(true)
    expect(r.cutShort).toBe(false) // the closing frame is intact
  })

  it('a smashed frame header is skipped as garbage and reading resynchronises on the next frame', () => {
    const path = writeSession(encoding)
    const f3 = eventFrames(SessionReader.open(path))[3]!
    const bytes = readFileSync(path)
    bytes.fill(0x41, f3.offset, f3.offset + 12) // magic and length destroyed
    writeFileSync(path, bytes)

    const r = SessionReader.open(path)
    expect(r.damage).toHaveLength(1)
    expect(r.damage[0]!.kind).toBe('garbage')
    // Loss lies between the end of frame 2 (00:02.990) and the start of frame 4 (00:04.000).
    expect(r.damage[0]!.message).toContain('between 2024-01-01T00:00:02.990Z and 2024-01-01T00:00:04.000Z')
    expect(r.damage[0]!.message).toContain('Reading resumed')
    expect(ids(r)).toHaveLength(1900)
  })

  it('garbage inserted between frames is skipped with nothing lost', () => {
    const path = writeSession(encoding)
    const f10 = eventFrames(SessionReader.open(path))[10]!
    const bytes = readFileSync(path)
    const junk = Buffer.from('x'.repeat(333))
    writeFileSync(path, Buffer.concat([bytes.subarray(0, f10.offset), junk, bytes.subarray(f10.offset)]))

    const r = SessionReader.open(path)
    expect(r.damage).toMatchObject([{ kind: 'garbage', fromByte: f10.offset, toByte: f10.offset + 333 }])
    expect(ids(r)).toHaveLength(2000)
  })

  it('a file truncated mid-frame opens up to the cut, is cut short, and names the incomplete tail', () => {
    const path = writeSession(encoding)
    const f12 = eventFrames(SessionReader.open(path))[12]!
    truncateSync(path, f12.offset + FRAME_HEADER_BYTES + 5)

    const r = SessionReader.open(path)
    expect(r.cutShort).toBe(true)
    expect(r.damage).toMatchObject([{ kind: 'truncated-tail', fromByte: f12.offset }])
    // Frames 0..11 survive: 1,200 events, the last at 00:11.990.
    expect(ids(r)).toHaveLength(1200)
    expect(r.span.endTsMs).toBe(T0 + 11_990)
    expect(r.notes()[0]).toContain('data ends at 2024-01-01T00:00:11.990Z')
  })

  it('a reader opened on a growing file picks up frames appended later', () => {
    const path = writeSession(encoding)
    const full = readFileSync(path)
    const f5 = eventFrames(SessionReader.open(path))[5]!
    writeFileSync(path, full.subarray(0, f5.offset + 7))
    const r = SessionReader.open(path)
    expect(ids(r)).toHaveLength(500)
    appendFileSync(path, full.subarray(f5.offset + 7))
    r.refresh()
    expect(r.damage).toEqual([])
    expect(ids(r)).toHaveLength(2000)
    expect(r.cutShort).toBe(false)
  })

  it('malformed events inside a valid frame are reported and skipped, the rest of the frame is kept', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'radar-bad-')), 'b.radar')
    const w = SessionWriter.open(
      path,
      {
        label: 'x',
        source: { kind: 'import', format: 't', files: [] },
        provenance: 't',
        importer: null,
      },
      { encoding },
    )
    const good = {
      type: 'mark',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      exchangeTsMs: T0,
      receiveTsMs: T0,
      markPrice: 1,
      indexPrice: null,
    }
    // A writer does not validate; a file can still contain an event with a string price (e.g. edited by hand).
    w.append([good, { ...good, markPrice: '1' }, { ...good, type: 'nope' }] as never)
    w.close()
    const r = SessionReader.open(path)
    expect([...r.events()]).toHaveLength(1)
    expect(r.damage[0]).toMatchObject({ kind: 'bad-events', eventsLost: 2 })
    expect(r.damage[0]!.message).toContain('event 1: mark: markPrice must be a finite number')
  })

  it('a file that is not a session is refused with a clear message', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'radar-not-')), 'n.radar')
    writeFileSync(path, 'hello, this is not a session file')
    expect(() => SessionReader.open(path)).toThrow(/not a Leverage Radar session/)
  })
})
