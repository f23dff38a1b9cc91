import type { MarketSeries } from './series'

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
