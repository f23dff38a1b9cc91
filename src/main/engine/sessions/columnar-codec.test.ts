import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../../../shared/market-event'
import { decodeColumnar, encodeColumnar } from './columnar-codec'
import { encodeFileHeader, encodeFrame, ENCODING_COLUMNAR, FrameType } from './format'
import { SessionReader } from './session-reader'
import { SessionWriter } from './session-writer'
import { upgradeSession } from './upgrade-session'
import { validateEvent } from './validate-event'

const T = Date.UTC(2024, 7, 8, 23, 54)
const SAMPLE = resolve(__dirname, '../../../../resources/samples/binance-btcusdt-2023-04-05.radar')
const dir = mkdtempSync(join(tmpdir(), 'radar-col-'))
const base = (i: number) => ({
  venue: 'binanceusdm' as const,
  symbol: 'BTC/USDT:USDT',
  exchangeTsMs: T + i * 7,
  receiveTsMs: T + i * 7 + 0.125,
})

/** One event of every kind, with nulls, fractions, negative premiums and ids that are not decimals. */
const EVERY_KIND: MarketEvent[] = [
  { ...base(0), type: 'trade', price: 61234.5, qtyBase: 0.003, takerSide: 'buy', tradeId: '5188012345' },
  { ...base(1), type: 'trade', price: 61234.4, qtyBase: 1.2, takerSide: 'sell', tradeId: 'a-17' },
  {
    ...base(2),
    type: 'book',
    bids: [
      [61234.4, 2.5],
      [61234.3, 0],
    ],
    asks: [[61234.5, 0.001]],
    sequence: null,
  },
  { ...base(3), type: 'book', bids: [], asks: [[61235, 3]], sequence: 5_013_000_123_456 },
  { ...base(4), type: 'mark', markPrice: 61230.12345678, indexPrice: null },
  {
    ...base(5),
    type: 'funding',
    fundingRatePerPeriod: -0.00012345,
    fundingIntervalHours: 8,
    nextFundingTsMs: T + 3_600_000,
    predictedRatePerPeriod: null,
    settled: false,
  },
  { ...base(6), type: 'openInterest', oiContracts: null, oiBase: 81234.567, oiUsd: 4.9e9 },
  {
    ...base(7),
    type: 'longShort',
    kind: 'topPositions',
    ratio: 1.2345,
    longShare: 0.5525,
    shortShare: 0.4475,
    periodMinutes: 5,
  },
  { ...base(8), type: 'takerVolume', buyVolBase: 12.5, sellVolBase: null, periodMinutes: 5 },
  { ...base(9), type: 'liquidation', positionSide: 'long', price: 61000.1, qtyBase: 0.5, usd: 30500.05 },
  {
    ...base(10),
    type: 'liquidationBar',
    openTsMs: T - 300_000,
    intervalSec: 300,
    longUsd: 0,
    shortUsd: 125000.5,
    coveredVenues: ['binanceusdm', 'bybit', 'okx'],
  },
  {
    ...base(11),
    type: 'candle',
    priceKind: 'premium',
    intervalSec: 60,
    openTsMs: T - 60_000,
    open: -0.0001,
    high: 0.0002,
    low: -0.0003,
    close: Math.PI / 10_000, // not a short decimal: its column is stored as raw doubles
    volumeBase: null,
    volumeUsd: null,
  },
  { ...base(12), type: 'quote', bid: 61234.4, bidQtyBase: 3.1, ask: 61234.5, askQtyBase: 0 },
  {
    ...base(13),
    type: 'gap',
    stream: 'trades',
    fromTsMs: T,
    toTsMs: T + 5000,
    reason: 'reconnect',
    backfilled: true,
  },
]

function frameFile(payload: Buffer, count: number, min: number, max: number): string {
  const path = join(dir, `c${Math.random().toString(36).slice(2)}.radar`)
  const f = encodeFrame(FrameType.events, ENCODING_COLUMNAR, payload, count, min, max)
  writeFileSync(path, Buffer.concat([encodeFileHeader(), f]))
  return path
}

describe('columnar events (format 2)', () => {
  it('round-trips every event kind exactly, nulls and interleaving included', () => {
    for (const e of EVERY_KIND) expect(validateEvent(e)).toBeNull()
    const payload = encodeColumnar(EVERY_KIND)!
    const { events, checked } = decodeColumnar(payload, EVERY_KIND.length)
    expect(events).toStrictEqual(EVERY_KIND)
    // Kinds with cross-field rules (funding, candle, gap) are left to validateEvent; the others passed.
    const crossChecked = EVERY_KIND.map((e) => ['funding', 'candle', 'gap'].includes(e.type))
    expect([...checked!].map((c) => c === 0)).toEqual(crossChecked)
  })

  it('falls back to JSON for an event that does not fit its columns (nothing is dropped on write)', () => {
    const extra = { ...EVERY_KIND[0]!, note: 'x' } as unknown as MarketEvent
    const stringPrice = { ...EVERY_KIND[0]!, price: '1' } as unknown as MarketEvent
    expect(encodeColumnar([extra])).toBeNull()
    expect(encodeColumnar([stringPrice])).toBeNull()
  })

  it('an out-of-domain value in a columnar frame drops that event alone, with the reason', () => {
    const evs = [0, 1, 2].map((i) => ({ ...EVERY_KIND[0]!, ...base(i), price: i === 1 ? 0 : 100 }))
    const path = frameFile(encodeColumnar(evs)!, 3, T, T + 14)
    const r = SessionReader.open(path)
    expect([...r.events()].map((e) => e.exchangeTsMs)).toEqual([T, T + 14])
    expect(r.damage[0]!.message).toContain('trade: price must be greater than 0 (got 0)')
  })

  it('a declared raw size that does not match, or exceeds the limit, refuses the frame', () => {
    const payload = encodeColumnar(EVERY_KIND)!
    const wrong = Buffer.from(payload)
    wrong.writeUInt32LE(payload.readUInt32LE(0) - 1, 0)
    expect(() => decodeColumnar(wrong, EVERY_KIND.length)).toThrow(/limit|inflates/)
    const huge = Buffer.from(payload)
    huge.writeUInt32LE(0xffffffff, 0)
    expect(() => decodeColumnar(huge, EVERY_KIND.length)).toThrow(/exceeds the \d+-byte limit/)
  })

  it('200 mutated columnar payloads with valid checksums decode to valid events or are refused', () => {
    const good = encodeColumnar(EVERY_KIND)!
    const raw = inflateRawSync(good.subarray(4))
    let seed = 7
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0
      return seed % n
    }
    let refused = 0
    for (let k = 0; k < 200; k++) {
      const m = Buffer.from(raw)
      for (let j = 0; j < 1 + rnd(6); j++) m[rnd(m.length)] = rnd(256)
      const head = Buffer.alloc(4)
      head.writeUInt32LE(m.length)
      const path = frameFile(Buffer.concat([head, deflateRawSync(m)]), EVERY_KIND.length, T, T + 91)
      const t0 = performance.now()
      const r = SessionReader.open(path)
      const events = [...r.events()]
      expect(events.filter((e) => validateEvent(e) !== null)).toEqual([])
      if (r.damage.some((d) => d.kind === 'bad-frame')) refused++
      expect(performance.now() - t0).toBeLessThan(2000)
    }
    expect(refused).toBeGreaterThan(0)
  })

  it('upgrade-session keeps every event and frame of the bundled sample and writes a smaller file', () => {
    const out = join(dir, 'sample.v2.radar')
    const r = upgradeSession(SAMPLE, out)
    const v1 = SessionReader.open(SAMPLE)
    const v2 = SessionReader.open(out)
    expect(r.notes).toEqual([])
    expect(v2.frames.filter((f) => f.type === FrameType.events).every((f) => f.encoding === 2)).toBe(true)
    // Same frame boundaries: the time index (and so every seek point) is unchanged.
    const index = (x: SessionReader) =>
      x.frames.filter((f) => f.type === FrameType.events).map((f) => [f.count, f.minTsMs, f.maxTsMs])
    expect(index(v2)).toEqual(index(v1))
    // node's deep equality: vitest's is slow on 76k events.
    expect(isDeepStrictEqual([...v2.events()], [...v1.events()])).toBe(true)
    expect(v2.metadata.markets).toEqual(v1.metadata.markets)
    expect(v2.metadata.label).toBe(v1.metadata.label)
    expect(statSync(out).size).toBeLessThan(statSync(SAMPLE).size)
    expect(() => upgradeSession(SAMPLE, out)).toThrow(/exists; pass --overwrite/)
  }, 60_000)

  it('a session written in format 1 is still read, and a writer asked for it writes JSON frames', () => {
    const path = join(dir, 'v1.radar')
    const w = SessionWriter.open(
      path,
      { label: 'v1', source: { kind: 'import', format: 't', files: [] }, provenance: 't', importer: null },
      { encoding: 1 },
    )
    w.append(EVERY_KIND)
    w.close()
    const r = SessionReader.open(path)
    expect(r.frames.filter((f) => f.type === FrameType.events).map((f) => f.encoding)).toEqual([1])
    expect(r.metadata.formatVersion).toBe(1)
    expect([...r.events()]).toStrictEqual(EVERY_KIND)
  })
})
