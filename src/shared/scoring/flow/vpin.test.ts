import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../config'
import { normalCdf } from '../stats/normal-cdf'
import { applyEvents, createScoringState, snapshotMarket } from '../scoring-state'
import { T0, gap, trade } from '../test-fixtures'
import { vpinCreate, vpinOnTrade } from './vpin'

const KEY = 'binanceusdm:BTC/USDT:USDT'

/** Reference VPIN: place each trade on the cumulative-volume line and read each bucket's buy share by overlap. */
function referenceVpin(trades: { qty: number; buy: boolean }[], v: number, n: number): number[] {
  const segs: { from: number; to: number; buy: boolean }[] = []
  let cum = 0
  for (const t of trades) {
    segs.push({ from: cum, to: cum + t.qty, buy: t.buy })
    cum += t.qty
  }
  const buckets = Math.floor(cum / v + 1e-9)
  const imb: number[] = []
  for (let k = 0; k < buckets; k++) {
    let buy = 0
    let sell = 0
    for (const s of segs) {
      const o = Math.max(0, Math.min(s.to, (k + 1) * v) - Math.max(s.from, k * v))
      if (s.buy) buy += o
      else sell += o
    }
    imb.push(Math.abs(buy - sell))
  }
  const out: number[] = []
  for (let k = n - 1; k < imb.length; k++)
    out.push(imb.slice(k - n + 1, k + 1).reduce((a, b) => a + b, 0) / (n * v))
  return out
}

describe('VPIN with aggressor classification', () => {
  it('fills equal-volume buckets, splits a large print and averages the imbalance over the window', () => {
    // ADV 500 / 50 buckets = V of 10; window of 2 buckets
    const s = createScoringState({ advBaseByMarket: { [KEY]: 500 }, vpinWindowBuckets: 2 })
    applyEvents(s, [trade(T0, 100, 6, 'buy'), trade(T0 + 1, 100, 4, 'sell')]) // bucket 1: |6 - 4| = 2
    expect(snapshotMarket(s, KEY)!.metrics['vpin']!.reason).toBe('needs 2 volume buckets, has 1')
    applyEvents(s, [trade(T0 + 2, 100, 15, 'buy')]) // bucket 2: 10 buy -> |10| ; 5 buy carried
    // (2 + 10) / (2 * 10) = 0.6
    expect(snapshotMarket(s, KEY)!.metrics['vpin']!.value).toBeCloseTo(0.6, 12)
    applyEvents(s, [trade(T0 + 3, 100, 5, 'sell')]) // bucket 3: 5 buy, 5 sell -> 0; window (10 + 0) / 20 = 0.5
    let snap = snapshotMarket(s, KEY)!
    expect(snap.metrics['vpin']!.value).toBeCloseTo(0.5, 12)
    // CDF among past values [0.6]: 0.5 is below all -> 0
    expect(snap.metrics['vpin-cdf']!.value).toBe(0)
    applyEvents(s, [trade(T0 + 4, 100, 10, 'buy')]) // bucket 4: 10 -> (0 + 10) / 20 = 0.5
    snap = snapshotMarket(s, KEY)!
    // CDF among [0.6, 0.5]: none below, one equal -> 0.5 / 2 = 0.25
    expect(snap.metrics['vpin-cdf']!.value).toBeCloseTo(0.25, 12)
    expect(snap.labels['vpin-level']).toBe('low')
  })

  it('matches a brute-force reference on a long irregular stream', () => {
    const cfg = resolveConfig({ advBaseByMarket: { k: 50 * 7.3 }, vpinWindowBuckets: 5 })
    const st = vpinCreate(cfg, 'k')
    const trades: { qty: number; buy: boolean }[] = []
    let x = 12345
    const vpins: number[] = []
    for (let i = 0; i < 400; i++) {
      x = (x * 48271) % 2147483647
      const qty = 0.1 + (x % 1000) / 97
      const buy = x % 3 !== 0
      trades.push({ qty, buy })
      const before = st.bucketsCompleted
      vpinOnTrade(st, cfg, T0 + i, 100, qty, buy)
      if (st.bucketsCompleted !== before && st.vpin !== null && st.bucketsCompleted >= 5) vpins.push(st.vpin)
    }
    const ref = referenceVpin(trades, 7.3, 5)
    // the state reports the VPIN after the last bucket each trade closed
    expect(st.vpin).toBeCloseTo(ref[ref.length - 1]!, 9)
    expect(st.bucketsCompleted).toBe(ref.length + 4)
    expect(vpins.length).toBeGreaterThan(50)
  })

  it('estimates daily volume from the first trading minutes when no ADV is set', () => {
    const s = createScoringState({ vpinBootstrapMinutes: 30 })
    applyEvents(
      s,
      Array.from({ length: 11 }, (_, i) => trade(T0 + i * 60_000, 100, 1, 'buy')),
    )
    expect(snapshotMarket(s, KEY)!.metrics['vpin']!.reason).toBe(
      'estimating daily volume: needs 30 min of trades, has 10 min',
    )
    applyEvents(
      s,
      Array.from({ length: 20 }, (_, i) => trade(T0 + (11 + i) * 60_000, 100, 1, 'buy')),
    )
    // 31 base in 30 min -> ADV 31 * 48 = 1488 -> bucket 1488 / 50 = 29.76
    expect(snapshotMarket(s, KEY)!.metrics['vpin-bucket-size']!.value).toBeCloseTo(29.76, 9)
  })

  it('is n/a when a trade gap falls inside the bucket window', () => {
    const s = createScoringState({ advBaseByMarket: { [KEY]: 500 }, vpinWindowBuckets: 2 })
    applyEvents(s, [
      trade(T0, 100, 10, 'buy'),
      trade(T0 + 60_000, 100, 10, 'sell'),
      gap('btcusdt@trade', T0 + 1000, T0 + 30_000),
    ])
    expect(snapshotMarket(s, KEY)!.metrics['vpin']!.reason).toMatch(/^gap of 29 s in trades data/)
  })
})

describe('VPIN with bulk volume classification', () => {
  it('splits a bar by Phi(dP / sigma) of bar-to-bar price changes', () => {
    const cfg = resolveConfig({
      advBaseByMarket: { k: 500 },
      vpinWindowBuckets: 1,
      vpinClassification: 'bulk',
      bvcSigmaBars: 3,
    })
    const st = vpinCreate(cfg, 'k')
    const M = 60_000
    // closes of minute bars 0..4: 100, 101, 100, 102, 103; bar 4 carries 10 base, bar 5 opens to close it
    const closes = [100, 101, 100, 102, 103]
    closes.forEach((p, i) => vpinOnTrade(st, cfg, T0 + i * M, p, i === 4 ? 10 : 1, true))
    expect(st.bucketsCompleted).toBe(0)
    vpinOnTrade(st, cfg, T0 + 5 * M, 103, 0.001, true)
    // dP history before bar 4: 1, -1, 2 -> mean 2/3, sample var (1/9 + 25/9 + 16/9) / 2 = 21/9, sigma = 1.5275
    const sigma = Math.sqrt(21 / 9)
    // bar 4: dP = 1, 10 base -> buy 10 * Phi(1 / sigma), one bucket of 10 -> VPIN = |2 Phi - 1|
    expect(st.vpin).toBeCloseTo(Math.abs(2 * normalCdf(1 / sigma) - 1), 9)
  })
})
