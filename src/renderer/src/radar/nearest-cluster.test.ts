import { describe, expect, it } from 'vitest'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { nearestCluster } from './radar-model'

const snap = (lastPrice: number, markPrice: number | null): MarketSnapshot =>
  ({
    lastPrice,
    markPrice,
    metrics: { 'liq-prox-below-price': { value: 98 }, 'liq-prox-above-price': { value: 105 } },
  }) as unknown as MarketSnapshot

describe('cluster distance in the radar', () => {
  it('measures from the mark where there is one, else from the last price', () => {
    // mark 100: below (98 − 100) / 100 = −2 %; last 99 without a mark: (98 − 99) / 99 = −1.0101 %
    expect(nearestCluster(snap(101, 100))).toEqual({ clusterDistancePct: -2, clusterSide: 'below' })
    const r = nearestCluster(snap(99, null))
    expect(r.clusterSide).toBe('below')
    expect(r.clusterDistancePct).toBeCloseTo(-1.0101, 4)
  })
})
