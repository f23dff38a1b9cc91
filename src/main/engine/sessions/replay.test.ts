import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MarketEvent, TradeEvent } from '../../../shared/market-event'
import { replaySessionReport, reportPipeline, SnapshotSeries } from './replay-report'
import { ReplaySource, type ReplayPosition } from './replay-source'
import { SessionBatcher } from './session-batcher'
import { SessionWriter } from './session-writer'

const SAMPLE = resolve(__dirname, '../../../../resources/samples/binance-btcusdt-2023-04-05.radar')
const T0 = Date.UTC(2024, 0, 1)

const trade = (ts: number, id: number): TradeEvent => ({
  type: 'trade',
  venue: 'binanceusdm',
  symbol: 'BTC/USDT:USDT',
  exchangeTsMs: ts,
  receiveTsMs: ts,
  price: 100 + id,
  qtyBase: 1,
  takerSide: 'buy',
  tradeId: String(id),
})

/** 2 s of trades every 20 ms: 100 events. */
function smallSession(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'radar-replay-')), 's.radar')
  const w = SessionWriter.open(path, {
    label: 'small',
    source: { kind: 'import', format: 't', files: [] },
    provenance: 't',
    importer: null,
  })
  w.append(Array.from({ length: 100 }, (_, i) => trade(T0 + i * 20, i)))
  w.close()
  return path
}

/** Plays a source to the end, recording batch boundaries (first trade id, size) and the snapshot series hash. */
async function playThrough(
  src: ReplaySource,
  everyMs: number,
  drive?: (src: ReplaySource, batches: number) => void,
) {
  const series = new SnapshotSeries(reportPipeline(), everyMs)
  const batches: string[] = []
  await new Promise<void>((done) => {
    src.onChange((p) => p.state === 'ended' && done())
    void src.start((events) => {
      series.push(events, src.position().sessionTsMs!)
      batches.push(`${(events[0] as TradeEvent).tradeId ?? events[0]!.exchangeTsMs}:${events.length}`)
      drive?.(src, batches.length)
    })
  })
  series.finish()
  await src.stop()
  return { batches, hash: series.digest() }
}

describe('session batcher', () => {
  it('cuts batches by session time buckets, keeping late events with the bucket they arrive in', () => {
    const ev = (ts: number) => ({ ...trade(ts, ts) })
    // bucket [0,100): 0, 50, 99 | [100,200): 100 | [200,300): 250 and the late 180
    const b = new SessionBatcher([ev(0), ev(50), ev(99), ev(100), ev(250), ev(180)][Symbol.iterator](), 100)
    const out: number[][] = []
    for (let x = b.next(); x; x = b.next()) out.push(x.events.map((e: MarketEvent) => e.exchangeTsMs))
    expect(out).toEqual([[0, 50, 99], [100], [250, 180]])
  })

  it('cuts the same batches from chunks (frames), across chunk edges and empty chunks alike', () => {
    const ev = (ts: number) => ({ ...trade(ts, ts) })
    // [0,100) spans the first two chunks; [100,200) is the third chunk whole; [200,300) spans an empty one.
    const chunks = [[ev(0), ev(50)], [ev(99)], [ev(100), ev(150)], [ev(250)], [], [ev(180), ev(300)]]
    const b = new SessionBatcher({ chunks: chunks[Symbol.iterator]() }, 100)
    const out: number[][] = []
    for (let x = b.next(); x; x = b.next()) out.push(x.events.map((e: MarketEvent) => e.exchangeTsMs))
    expect(out).toEqual([[0, 50, 99], [100, 150], [250, 180], [300]])
    // A chunk that is one whole batch was handed on without being changed.
    expect(chunks[2]!.map((e) => e.exchangeTsMs)).toEqual([100, 150])
  })
})

describe('replay determinism', () => {
  it('the recorded sample replayed twice gives the same snapshot series hash', () => {
    const a = replaySessionReport(SAMPLE, { snapshotEveryMs: 10_000 })
    const b = replaySessionReport(SAMPLE, { snapshotEveryMs: 10_000 })
    expect(a.summary.events).toBe(75884)
    expect(a.seriesHash).toMatch(/^[0-9a-f]{64}$/)
    expect(b.seriesHash).toBe(a.seriesHash)
    expect(a.markets.map((m) => m.key)).toEqual(['binance:BTC/USDT', 'binanceusdm:BTC/USDT:USDT'])
  })

  it('the replay clock at max speed gives the same series as the report, with or without pauses and steps', async () => {
    const report = replaySessionReport(SAMPLE, { snapshotEveryMs: 10_000 })
    const plain = await playThrough(new ReplaySource(SAMPLE, { speed: 'max' }), 10_000)
    expect(plain.hash).toBe(report.seriesHash)
    // Same run, but interrupted: pause after batch 100, step twice, resume; change speed on the way.
    const bumpy = await playThrough(new ReplaySource(SAMPLE, { speed: 'max' }), 10_000, (src, n) => {
      if (n === 100) {
        src.pause()
        setTimeout(() => {
          src.step()
          src.step()
          src.play()
        }, 5)
      }
    })
    expect(bumpy.batches).toEqual(plain.batches)
    expect(bumpy.hash).toBe(plain.hash)
  })

  it('paced speed changes only the timing: 2 s of session at 10x takes ~0.2 s and yields the same batches', async () => {
    const path = smallSession()
    const max = await playThrough(new ReplaySource(path, { speed: 'max' }), 500)
    const t0 = performance.now()
    const paced = await playThrough(new ReplaySource(path, { speed: 10 }), 500)
    const wallMs = performance.now() - t0
    expect(paced.batches).toEqual(max.batches)
    expect(paced.hash).toBe(max.hash)
    // 1,980 ms of session (last trade at +1,980 ms, its bucket ends at +2,000) / 10 = 198 ms
    expect(wallMs).toBeGreaterThan(150)
    expect(wallMs).toBeLessThan(1500) // well under the 1,980 ms a 1x replay takes
    // 100-ms buckets over 0…1,980 ms with a trade every 20 ms: 20 batches of 5 trades.
    expect(max.batches).toHaveLength(20)
    expect(max.batches[0]).toBe('0:5')
  })
})

describe('replay controls', () => {
  it('starts paused without autoPlay, steps one batch at a time, seeks, and reports the session clock', async () => {
    const src = new ReplaySource(smallSession(), { autoPlay: false })
    const got: MarketEvent[][] = []
    const states: ReplayPosition['state'][] = []
    src.onChange((p) => states.push(p.state))
    await src.start((e) => got.push(e))
    expect(src.position()).toMatchObject({
      state: 'paused',
      sessionTsMs: T0,
      startTsMs: T0,
      endTsMs: T0 + 1980,
    })
    src.step()
    expect(got).toHaveLength(1)
    expect(got[0]!.map((e) => (e as TradeEvent).tradeId)).toEqual(['0', '1', '2', '3', '4'])
    expect(src.position().sessionTsMs).toBe(T0 + 100)
    // Seek to +1,000 ms: the next batch is trades 50…54 (1,000 … 1,080 ms).
    src.seek(T0 + 1000)
    expect(src.position()).toMatchObject({ sessionTsMs: T0 + 1000, seekCount: 1, state: 'paused' })
    src.step()
    expect(got[1]!.map((e) => (e as TradeEvent).tradeId)).toEqual(['50', '51', '52', '53', '54'])
    src.setSpeed('max')
    src.play()
    await new Promise<void>((done) => src.onChange((p) => p.state === 'ended' && done()))
    // 2 batches stepped + 9 more (1,100 … 1,980 ms)
    expect(got).toHaveLength(11)
    expect(src.position().eventsEmitted).toBe(55)
    expect(states).toContain('playing')
    expect(src.kind).toBe('replay')
    expect(src.venueStatuses()).toEqual([expect.objectContaining({ venue: 'binanceusdm', state: 'idle' })])
    await src.stop()
  })

  it('at max speed waits for a slow consumer between slices and ends only once it has caught up', async () => {
    const pending: (() => void)[] = []
    let holding = true
    const settled = () =>
      new Promise<void>((release) => {
        if (holding) pending.push(release)
        else release()
      })
    const src = new ReplaySource(SAMPLE, { speed: 'max', settled })
    let emitted = 0
    // 2 ms of work per batch while held: a 50 ms slice is ~25 batches, far from the sample's 75,884 events.
    await src.start((events) => {
      emitted += events.length
      const until = performance.now() + (holding ? 2 : 0)
      while (performance.now() < until);
    })
    await new Promise((r) => setTimeout(r, 300))
    const stalledAt = emitted
    await new Promise((r) => setTimeout(r, 200))
    // Held: at most two slices went out (one scored, one in flight), and nothing more while waiting.
    expect(emitted).toBe(stalledAt)
    expect(emitted).toBeGreaterThan(0)
    expect(emitted).toBeLessThan(75_884)
    expect(src.position().state).toBe('playing')
    const ended = new Promise<void>((done) => src.onChange((p) => p.state === 'ended' && done()))
    holding = false
    for (const release of pending.splice(0)) release()
    await ended
    expect(emitted).toBe(75_884)
    await src.stop()
  })

  it('a bundled sample opens as kind "sample" with its label', async () => {
    const src = new ReplaySource(SAMPLE, { autoPlay: false })
    expect(src.kind).toBe('sample')
    expect(src.label).toBe('Recorded sample — Binance, 2023-04-05')
    await src.stop()
  })
})
