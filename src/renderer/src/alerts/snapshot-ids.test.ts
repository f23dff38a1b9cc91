import { describe, expect, it } from 'vitest'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { collectIds } from './snapshot-ids'

const metric = { value: 1, unit: 'ratio', sufficient: true, reason: null, asOfMs: 1 }

function snap(key: string, metrics: string[], labels: string[]): MarketSnapshot {
  return {
    key,
    venue: 'binanceusdm',
    symbol: key.split(':').slice(1).join(':'),
    asOfMs: 1,
    lastPrice: 1,
    eventCount: 1,
    metrics: Object.fromEntries(metrics.map((m) => [m, metric])),
    labels: Object.fromEntries(labels.map((l) => [l, null])),
    tags: [],
    contradictions: [],
    evaluatedAtMs: 1,
    stress: null,
  }
}

describe('collectIds', () => {
  it('unions ids across markets, shift fields and the watchlist, sorted and without repeats', () => {
    const ids = collectIds(
      [
        snap('binanceusdm:ETH/USDT:USDT', ['lsi', 'vpin'], ['vol-regime']),
        snap('binanceusdm:BTC/USDT:USDT', ['lsi'], ['oi-regime']),
      ],
      ['tag:Crowded Long', 'vol-regime'],
      ['bybit:SOL/USDT:USDT', 'binanceusdm:BTC/USDT:USDT'],
    )
    expect(ids.markets).toEqual([
      'binanceusdm:BTC/USDT:USDT',
      'binanceusdm:ETH/USDT:USDT',
      'bybit:SOL/USDT:USDT',
    ])
    expect(ids.metricIds).toEqual(['lsi', 'vpin'])
    expect(ids.labelIds).toEqual(['oi-regime', 'tag:Crowded Long', 'vol-regime'])
  })

  it('is empty before anything is scored', () => {
    expect(collectIds([])).toEqual({ markets: [], metricIds: [], labelIds: [] })
  })
})
