import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../market-event'
import { MinuteSampler } from './minute-sampler'

const T0 = Date.UTC(2024, 4, 10, 0, 0, 0)
const ev = (symbol: string, offsetMs: number): MarketEvent => ({
  type: 'mark',
  venue: 'binanceusdm',
  symbol,
  exchangeTsMs: T0 + offsetMs,
  receiveTsMs: T0 + offsetMs,
  markPrice: 1,
  indexPrice: null,
})

function run(batches: MarketEvent[][]) {
  const chunks: string[][] = []
  const samples: string[][] = []
  const s = new MinuteSampler(
    (chunk) => {
      chunks.push(chunk.map((e) => `${e.symbol}@${(e.exchangeTsMs - T0) / 1000}`))
      return chunk.map((e) => `binanceusdm:${e.symbol}`)
    },
    (keys) => samples.push([...keys].sort()),
  )
  for (const b of batches) s.push(b)
  return { chunks, samples }
}

describe('MinuteSampler', () => {
  it('applies each minute as its own chunk and samples the touched markets when the next minute starts', () => {
    const { chunks, samples } = run([[ev('A', 1_000), ev('B', 30_000), ev('A', 61_000), ev('A', 125_000)]])
    expect(chunks).toEqual([['A@1', 'B@30'], ['A@61'], ['A@125']])
    // Minute 0 closed by the event at 61 s, minute 1 by the one at 125 s; minute 2 is still open.
    expect(samples).toEqual([['binanceusdm:A', 'binanceusdm:B'], ['binanceusdm:A']])
  })

  it('carries an open minute across batches and applies a late event without sampling', () => {
    const { chunks, samples } = run([
      [ev('A', 10_000)],
      [ev('B', 20_000), ev('A', 59_000)],
      [ev('B', 5_000)],
      [ev('A', 60_000)],
    ])
    expect(chunks).toEqual([['A@10'], ['B@20', 'A@59'], ['B@5'], ['A@60']])
    expect(samples).toEqual([['binanceusdm:A', 'binanceusdm:B']])
  })
})
