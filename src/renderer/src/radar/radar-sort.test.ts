import { describe, expect, it } from 'vitest'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { sortRows, toRadarRow } from './radar-model'

const snap = (key: string, stress: number | null, tags: string[] = []): MarketSnapshot => ({
  key,
  venue: key.split(':')[0] as MarketSnapshot['venue'],
  symbol: key.slice(key.indexOf(':') + 1),
  asOfMs: 1,
  lastPrice: 1,
  eventCount: 1,
  metrics: {},
  labels: {},
  tags,
  contradictions: [],
  evaluatedAtMs: 1,
  stress,
})

const order = (snaps: MarketSnapshot[], key: 'stress' | 'setup', dir: 'asc' | 'desc'): string[] =>
  sortRows(
    snaps.map((s) => toRadarRow(s, null)),
    { key, dir },
  ).map((r) => r.snap.key)

describe('sortRows', () => {
  const snaps = [
    snap('okx:B/USDT:USDT', 40),
    snap('bybit:A/USDT:USDT', null),
    snap('bybit:C/USDT:USDT', 70),
    snap('binanceusdm:D/USDT:USDT', 40),
    snap('binanceusdm:E/USDT:USDT', null),
  ]

  it('puts missing values last in both directions and breaks ties by market key', () => {
    expect(order(snaps, 'stress', 'desc')).toEqual([
      'bybit:C/USDT:USDT',
      'binanceusdm:D/USDT:USDT',
      'okx:B/USDT:USDT',
      'binanceusdm:E/USDT:USDT',
      'bybit:A/USDT:USDT',
    ])
    expect(order(snaps, 'stress', 'asc')).toEqual([
      'binanceusdm:D/USDT:USDT',
      'okx:B/USDT:USDT',
      'bybit:C/USDT:USDT',
      'binanceusdm:E/USDT:USDT',
      'bybit:A/USDT:USDT',
    ])
  })

  it('orders text values as the locale does (case aside), not by code point', () => {
    const tagged = [snap('a:X', 1, ['squeeze']), snap('a:Y', 1, ['Crowded longs']), snap('a:Z', 1, ['basis'])]
    expect(order(tagged, 'setup', 'asc')).toEqual(['a:Z', 'a:Y', 'a:X'])
  })
})
