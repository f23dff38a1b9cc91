import { describe, expect, it } from 'vitest'
import type { BookEvent } from '../../market-event'
import { defaultSettings, settingsPatchSchema } from '../../settings'
import { resolveConfig } from '../config'
import { scoringConfigFromSettings } from '../config-from-settings'
import { applyEvents, createScoringState, snapshotMarket } from '../scoring-state'
import { ringCreate, ringPush } from '../stats/timed-ring'
import { PERP, T0, quote, trade } from '../test-fixtures'
import { fitAr1 } from './ou-half-life'

const KEY = 'binanceusdm:BTC/USDT:USDT'

describe('basis', () => {
  it('measures perp vs spot mid in bps and annualizes over the funding interval', () => {
    const s = createScoringState()
    applyEvents(s, [
      quote(T0, 99.9, 100.1, 'binance', 'BTC/USDT'),
      quote(T0 + 1, 100.1, 100.3, 'binanceusdm', PERP),
    ])
    const m = snapshotMarket(s, KEY)!.metrics
    // mids 100.2 vs 100.0 -> 0.2 / 100 = 20 bps; APR 0.002 * 8760 / 8 = 2.19 (8 h assumed: no funding seen)
    expect(m['basis-bps']!.value).toBeCloseTo(20, 9)
    expect(m['basis-apr']!.value).toBeCloseTo(2.19, 9)
    expect(m['basis-apr']!.reason).toBe('annualized over an assumed 8 h funding interval')
    expect(m['basis-z']!.reason).toBe('needs 30 basis samples, has 1')
  })

  it('reports n/a for a perp without a spot pair and for a missing spot feed', () => {
    const s = createScoringState()
    applyEvents(s, [quote(T0, 99, 101, 'binancecoinm', 'BTC/USD:BTC'), quote(T0, 99, 101, 'bybit', PERP)])
    expect(snapshotMarket(s, 'binancecoinm:BTC/USD:BTC')!.metrics['basis-bps']!.reason).toBe(
      'no spot market of BTC on any venue to pair with',
    )
    expect(snapshotMarket(s, 'bybit:BTC/USDT:USDT')!.metrics['basis-bps']!.reason).toBe(
      'no data yet from the paired spot market bybit:BTC/USDT',
    )
  })

  it('pairs with the configured venue only, and otherwise prefers the perp’s own family', () => {
    const evs = [
      quote(T0, 99.9, 100.1, 'binance', 'BTC/USDT'),
      quote(T0, 100.4, 100.6, 'coinbase', 'BTC/USD'),
      quote(T0 + 1, 100.9, 101.1, 'binanceusdm', PERP),
    ]
    const auto = createScoringState()
    applyEvents(auto, evs)
    // own family: (101 − 100) / 100 = 100 bps
    expect(snapshotMarket(auto, KEY)!.metrics['basis-bps']!.value).toBeCloseTo(100, 9)
    const coinbase = createScoringState({ basisSpotVenue: 'coinbase' })
    applyEvents(coinbase, evs)
    // Coinbase, no USDT/USD rate: (101 − 100.5) / 100.5 = 49.751 bps
    const m = snapshotMarket(coinbase, KEY)!.metrics['basis-bps']!
    expect(m.value).toBeCloseTo((0.5 / 100.5) * 10_000, 9)
    expect(m.reason).toBe(
      'against coinbase:BTC/USD; spot venue coinbase chosen by the basis setting; perp quoted in USDT, spot (coinbase) in USD: includes the quote difference (no fresh USDT/USD rate in the session)',
    )
    const kraken = createScoringState({ basisSpotVenue: 'kraken' })
    applyEvents(kraken, evs)
    expect(snapshotMarket(kraken, KEY)!.metrics['basis-bps']!.reason).toBe(
      'no kraken spot market of BTC to pair with (the venue chosen by the basis setting)',
    )
    expect(() => createScoringState({ basisSpotVenue: 'nowhere' })).toThrow(
      /basisSpotVenue must be a venue id/,
    )
  })

  it('the pairing is a setting: auto is no venue, a named venue is kept, anything else is refused', () => {
    const pick = (v: string) =>
      resolveConfig(scoringConfigFromSettings({ ...defaultSettings(), basisSpotVenue: v }).config)
        .basisSpotVenue
    expect(defaultSettings().basisSpotVenue).toBe('auto')
    expect(pick('auto')).toBeNull()
    expect(pick('coinbase')).toBe('coinbase')
    expect(settingsPatchSchema.safeParse({ basisSpotVenue: 'nowhere' }).success).toBe(false)
  })

  it('samples from last trades when neither side has a bid/ask, one sample per interval', () => {
    const s = createScoringState()
    const evs = []
    // 3 minutes: spot trades at 100, perp trades at 100.1 then 100.2 then 100.3 (10, 20, 30 bps)
    for (let i = 0; i < 3; i++) {
      const t = T0 + i * 60_000
      evs.push(
        trade(t, 100, 1, 'buy', 'binance', 'BTC/USDT'),
        trade(t + 10, 100 + 0.1 * (i + 1), 1, 'sell', 'binanceusdm', PERP),
        trade(t + 20, 100 + 0.1 * (i + 1), 1, 'sell', 'binanceusdm', PERP),
      )
    }
    applyEvents(s, evs)
    const m = snapshotMarket(s, KEY)!.metrics
    expect(m['basis-bps']!.value).toBeCloseTo(30, 6)
    expect(m['basis-bps']!.reason).toBe(
      'from trades (last trade of the interval where a side has no bid/ask)',
    )
    expect(m['basis-z']!.reason).toBe('needs 30 basis samples, has 3')
  })

  it('bands the basis by z-score over its samples and reads the MA crossover', () => {
    // A spike in the last sample: no label dwell, the band follows the z-score at once.
    const s = createScoringState({ basisFastMaSamples: 3, basisSlowMaSamples: 6, labelDwellMs: 0 })
    const evs = []
    // 40 one-minute samples alternating 10 / 12 bps, then 20 bps
    for (let i = 0; i <= 40; i++) {
      const bps = i === 40 ? 20 : i % 2 ? 12 : 10
      const t = T0 + i * 60_000
      evs.push(
        quote(t, 99.99, 100.01, 'binance', 'BTC/USDT'),
        quote(t + 1, 100 + bps / 100 - 0.01, 100 + bps / 100 + 0.01, 'binanceusdm', PERP),
      )
    }
    applyEvents(s, evs)
    const snap = snapshotMarket(s, KEY)!
    // samples: 20 x 10, 20 x 12, 1 x 20 -> mean 460/41 = 11.2195; sample variance
    // (20 (10 - 11.2195)^2 + 20 (12 - 11.2195)^2 + (20 - 11.2195)^2) / 40 = (29.744 + 12.183 + 77.097) / 40 = 2.9756
    // z = (20 - 11.2195) / sqrt(2.9756) = 8.7805 / 1.7250 = 5.090
    expect(snap.metrics['basis-z']!.value).toBeCloseTo(5.09, 2)
    expect(snap.labels['basis-band']).toBe('above-band')
    // fast MA of (12, 10, 20) = 14 > slow MA of (12, 10, 12, 10, 12, 20)... = 12.667
    expect(snap.metrics['basis-ma-fast']!.value).toBeCloseTo(14, 6)
    expect(snap.metrics['basis-ma-slow']!.value).toBeCloseTo(76 / 6, 6)
  })
})

describe('OU half-life by AR(1)', () => {
  it('recovers phi of a noiseless decay and its half-life', () => {
    const r = ringCreate(100)
    for (let i = 0; i < 40; i++) ringPush(r, i * 60_000, 10 * 0.9 ** i)
    const fit = fitAr1(r, 60_000)!
    expect(fit.phi).toBeCloseTo(0.9, 9)
    // -ln 2 / ln 0.9 = 0.693147 / 0.105361 = 6.5788 samples
    expect(fit.halfLifeSamples).toBeCloseTo(6.5788, 3)
  })

  it('matches an independent OLS (means / covariance) on a noisy series and skips pairs across holes', () => {
    const r = ringCreate(200)
    const xs: number[] = []
    let x = 5
    let seed = 7
    for (let i = 0; i < 120; i++) {
      seed = (seed * 16807) % 2147483647
      x = 0.7 * x + 2 + ((seed % 1000) - 500) / 500
      xs.push(x)
      ringPush(r, i * 60_000 + (i >= 60 ? 3 * 60_000 : 0), x) // a 3-minute hole between samples 59 and 60
    }
    const pairs: [number, number][] = []
    for (let i = 1; i < xs.length; i++) if (i !== 60) pairs.push([xs[i - 1]!, xs[i]!])
    const mx = pairs.reduce((a, p) => a + p[0], 0) / pairs.length
    const my = pairs.reduce((a, p) => a + p[1], 0) / pairs.length
    const cov = pairs.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0)
    const vx = pairs.reduce((a, p) => a + (p[0] - mx) ** 2, 0)
    const fit = fitAr1(r, 60_000)!
    expect(fit.pairs).toBe(118)
    expect(fit.phi).toBeCloseTo(cov / vx, 9)
  })
})

describe('depth ratios', () => {
  it('compares bid and ask notional within the bands and refuses bands the book does not reach', () => {
    const s = createScoringState()
    const book: BookEvent = {
      type: 'book',
      venue: 'binanceusdm',
      symbol: PERP,
      exchangeTsMs: T0,
      receiveTsMs: T0,
      sequence: 1,
      bids: [
        [99.9, 10],
        [99.6, 5],
        [99.0, 100],
      ],
      asks: [
        [100.1, 4],
        [100.4, 6],
        [101.5, 100],
      ],
    }
    applyEvents(s, [book])
    const m = snapshotMarket(s, KEY)!.metrics
    // mid 100. ±0.5 %: bids 999 + 498 = 1497, asks 400.4 + 602.4 = 1002.8
    expect(m['depth-ratio-0p5']!.value).toBeCloseTo(1497 / 1002.8, 9)
    // ±1 %: bids add 99 x 100 = 9900 -> 11397; asks unchanged
    expect(m['depth-ratio-1']!.value).toBeCloseTo(11397 / 1002.8, 9)
    // the bid side reaches only 1 % below mid
    expect(m['depth-ratio-2']!.reason).toBe('book reaches only ±1.000 % of mid, band is ±2 %')
  })
})
