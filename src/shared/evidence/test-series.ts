import type { EvidenceSessionInfo } from '../contract/evidence'
import type { MarketSeries, SampledSession } from './series'

/** A flat-priced synthetic market for tests: close 100 everywhere, high/low 100 unless a test moves them. */
export function flatSeries(n: number, market = 'binanceusdm:TEST/USDT:USDT'): MarketSeries {
  return {
    market,
    close: new Float64Array(n).fill(100),
    high: new Float64Array(n).fill(100),
    low: new Float64Array(n).fill(100),
    liqUsd: null,
    binary: new Map(),
    scores: new Map(),
  }
}

export function onAt(n: number, indices: readonly number[]): Uint8Array {
  const u = new Uint8Array(n)
  for (const i of indices) u[i] = 1
  return u
}

export const MIN = 60_000
const N = 200
const DROPS = [20, 60, 100, 140, 180]
const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i)

/**
 * 200 one-minute samples of a flat 100 market whose low touches 90 in the buckets of minutes 20, 60, 100,
 * 140 and 180: a 5 % drop within 5 min follows the samples 5 to 1 min before each. "risk: high" shows 3 to 1
 * min before each drop, "risk: low" every other time; a metric reads 1 exactly at the 25 samples a drop
 * follows, 0 elsewhere.
 */
export function dropSession(): SampledSession {
  const m = flatSeries(N)
  for (const k of DROPS) m.low[k] = 90
  const high = DROPS.flatMap((k) => range(k - 3, k - 1))
  const hit = DROPS.flatMap((k) => range(k - 5, k - 1))
  m.binary.set('label:risk-level=high', onAt(N, high))
  m.binary.set(
    'label:risk-level=low',
    onAt(
      N,
      range(0, N - 1).filter((i) => !high.includes(i)),
    ),
  )
  const metric = new Float64Array(N)
  for (const i of hit) metric[i] = 1
  m.scores.set('metric:oi-roc-4h', metric)
  m.scores.set('score:lsi', metric)
  return { startMs: 0, stepMs: MIN, n: N, markets: [m], signals: new Map() }
}

export const DROP_SESSION_INFO: EvidenceSessionInfo = {
  path: 'test.radar',
  label: 'test',
  startTsMs: 0,
  endTsMs: (N - 1) * MIN,
  markets: ['binanceusdm:TEST/USDT:USDT'],
  sampleStepMs: MIN,
  samples: N,
  hasPrices: true,
  hasLiquidations: false,
  notes: [],
  lookAhead: { cutTsMs: null, samplesCompared: 0, mismatches: 0, passed: null, detail: 'not run' },
}
