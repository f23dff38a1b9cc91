import { describe, expect, it } from 'vitest'
import type { CandleEvent, MarketEvent, OpenInterestEvent } from '../market-event'
import { compareBeforeCut, shuffleFuture } from './look-ahead'
import { sampleSignals, type SampleOptions } from './sample-signals'
import type { SampledSession } from './series'
import { mulberry32 } from './stats'

const STEP = 300_000
const T0 = 1_715_000_100_000 // a multiple of 5 min (5,716,667 × 300,000)
const SYMBOL = 'TEST/USDT:USDT'

/** A random-walk 5-minute candle stream with OI (fixed-seed PRNG: a test input, not market data). */
function syntheticEvents(bars: number, seed: number): MarketEvent[] {
  const rand = mulberry32(seed)
  const out: MarketEvent[] = []
  let price = 100
  let oi = 1_000_000
  for (let b = 0; b < bars; b++) {
    const open = price
    price *= 1 + (rand() - 0.5) * 0.02
    oi *= 1 + (rand() - 0.45) * 0.01
    const closeTs = T0 + (b + 1) * STEP - 1
    const candle: CandleEvent = {
      type: 'candle',
      venue: 'binanceusdm',
      symbol: SYMBOL,
      exchangeTsMs: closeTs,
      receiveTsMs: closeTs,
      priceKind: 'last',
      intervalSec: 300,
      openTsMs: T0 + b * STEP,
      open,
      high: Math.max(open, price) * 1.001,
      low: Math.min(open, price) * 0.999,
      close: price,
      volumeBase: null,
      volumeUsd: null,
    }
    const oiEv: OpenInterestEvent = {
      type: 'openInterest',
      venue: 'binanceusdm',
      symbol: SYMBOL,
      exchangeTsMs: closeTs,
      receiveTsMs: closeTs,
      oiContracts: null,
      oiBase: oi,
      oiUsd: oi * price,
    }
    out.push(candle, oiEv)
  }
  return out
}

const KEY = `binanceusdm:${SYMBOL}`

/**
 * A deliberately leaky sampler: adds a signal "price is higher one hour later", read from the future of the
 * stream. The look-ahead check must catch it.
 */
function leakySampler(events: Iterable<MarketEvent>, opts: SampleOptions): SampledSession {
  const all = [...events]
  const s = sampleSignals(all, opts)!
  const closes = all.filter((e): e is CandleEvent => e.type === 'candle')
  const closeAt = (t: number): number | null => {
    let p: number | null = null
    for (const c of closes) if (c.exchangeTsMs <= t) p = c.close
    return p
  }
  const m = s.markets[0]!
  const leak = new Uint8Array(s.n)
  for (let i = 0; i < s.n; i++) {
    const t = s.startMs + i * s.stepMs
    const now = closeAt(t)
    const later = closeAt(t + 3_600_000)
    leak[i] = now !== null && later !== null && later > now ? 1 : 0
  }
  m.binary.set('leak:up-in-1h', leak)
  return s
}

describe('sampleSignals', () => {
  it('reads each grid time from events stamped at or before it only', () => {
    const events = syntheticEvents(30, 1)
    const s = sampleSignals(events, { stepMs: STEP })!
    expect(s.markets.map((m) => m.market)).toEqual([KEY])
    // The first bar closes at T0 + STEP − 1 ms, so the grid starts at T0 + STEP with that bar's close;
    // grid i holds bar i's close and bar i's high/low.
    expect(s.startMs).toBe(T0 + STEP)
    const candles = events.filter((e): e is CandleEvent => e.type === 'candle')
    const m = s.markets[0]!
    expect(m.close[0]).toBe(candles[0]!.close)
    expect(m.close[7]).toBe(candles[7]!.close)
    expect(m.high[7]).toBe(candles[7]!.high)
    expect(m.low[29]).toBe(candles[29]!.low)
    expect(s.n).toBe(30)
    expect(m.liqUsd).toBeNull()
  })
})

describe('look-ahead check', () => {
  const events = syntheticEvents(400, 5)
  const cut = T0 + 200 * STEP

  it('passes the scoring signals: shuffling everything after the cut changes nothing before it', () => {
    const real = sampleSignals(events, { stepMs: STEP })!
    const scrambled = sampleSignals(shuffleFuture(events, cut, 11, 64), { stepMs: STEP, untilTsMs: cut })
    const check = compareBeforeCut(real, scrambled, cut)
    // Grid times T0 + 1·STEP … T0 + 200·STEP: 200 compared samples.
    expect(check.samplesCompared).toBe(200)
    expect(check.passed).toBe(true)
    expect(real.signals.size).toBeGreaterThan(0)
  })

  it('catches a signal built from future prices', () => {
    const real = leakySampler(events, { stepMs: STEP })
    const scrambled = leakySampler(shuffleFuture(events, cut, 11, 64), { stepMs: STEP, untilTsMs: cut })
    const check = compareBeforeCut(real, scrambled, cut)
    expect(check.passed).toBe(false)
    expect(check.mismatches).toBeGreaterThan(0)
    expect(check.detail).toMatch(/LOOK-AHEAD: .*leak:up-in-1h/)
  })

  it('shuffles only the future and keeps every event time in place', () => {
    const out = [...shuffleFuture(events, cut, 3, 64)]
    expect(out.map((e) => e.exchangeTsMs)).toEqual(events.map((e) => e.exchangeTsMs))
    const before = events.filter((e) => e.exchangeTsMs <= cut)
    expect(out.slice(0, before.length)).toEqual(before)
    const futureCloses = (xs: MarketEvent[]): number[] =>
      xs.flatMap((e) => (e.type === 'candle' && e.exchangeTsMs > cut ? [e.close] : []))
    expect(futureCloses(out)).not.toEqual(futureCloses(events))
    expect([...futureCloses(out)].sort()).toEqual([...futureCloses(events)].sort())
  })
})
