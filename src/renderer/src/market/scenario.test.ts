import { describe, expect, it } from 'vitest'
import type { HeatmapView } from '../../../shared/contract/heatmap'
import { scenarioFromMap } from './scenario'

// Levels (a cell layer's USD-weighted price and its USD), sorted by price. Longs: 90 (100), 100 (200),
// 110 (300), 130 (50: above the price, goes on the first tick of any fall). Shorts: 120 (400), 137 (500),
// 150 (600).
const view: HeatmapView = {
  key: 'k',
  resolutionSec: 60,
  columns: [0],
  priceLo: 85,
  priceStep: 10,
  rows: 7,
  longUsd: [],
  shortUsd: [],
  maxCellUsd: 600,
  assumptions: [],
  current: {
    price: 125,
    nearestAbove: null,
    nearestBelow: null,
    within1PctUsd: null,
    within2PctUsd: null,
    scenarios: [],
    curves: {
      long: { price: [90, 100, 110, 130], usd: [100, 200, 300, 50] },
      short: { price: [120, 137, 150], usd: [400, 500, 600] },
    },
  },
  unavailableReason: null,
}

describe('scenarioFromMap', () => {
  it('a fall liquidates every long level at or above the target', () => {
    // 125 −20 % → 100: the levels 100, 110 and 130: 200 + 300 + 50 = 550 (the 90 level stays)
    expect(scenarioFromMap(view, 125, -20)).toEqual({
      movePct: -20,
      liquidatedUsd: 550,
      side: 'long',
      targetPrice: 100,
    })
  })

  it('a rise liquidates every short level at or below the target, wherever it lies in its cell', () => {
    // 125 +10 % → 137.5: the levels 120 and 137 (inside the 135–145 cell, below the target): 900
    expect(scenarioFromMap(view, 125, 10)?.liquidatedUsd).toBe(900)
    // +9 % → 136.25: 137 is above the target though its cell is crossed: 400
    expect(scenarioFromMap(view, 125, 9)?.liquidatedUsd).toBe(400)
  })

  it('gives nothing without a map or a price', () => {
    expect(scenarioFromMap({ ...view, unavailableReason: 'no OI' }, 125, 1)).toBeNull()
    expect(scenarioFromMap({ ...view, current: null }, 125, 1)).toBeNull()
    expect(scenarioFromMap(view, null, 1)).toBeNull()
    expect(scenarioFromMap(view, 125, 0)).toBeNull()
  })
})
