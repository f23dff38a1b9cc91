import { describe, expect, it } from 'vitest'
import type { HeatmapView } from '../../../shared/contract/heatmap'
import { scenarioFromMap } from './scenario'

// Two columns; rows of 10 USD price step from 95: centres 100, 110, 120, 130, 140 (rows 0..4 -> 95 + 10r + 5).
const view: HeatmapView = {
  key: 'k',
  resolutionSec: 60,
  columns: [0, 60],
  priceLo: 95,
  priceStep: 10,
  rows: 5,
  longUsd: [9, 9, 9, 9, 9, /* latest column */ 100, 200, 300, 0, 0],
  shortUsd: [9, 9, 9, 9, 9, /* latest column */ 0, 0, 0, 400, 500],
  maxCellUsd: 500,
  assumptions: [],
  current: null,
  unavailableReason: null,
}

describe('scenarioFromMap', () => {
  it('sums long cells crossed by a fall, from the latest column only', () => {
    // price 125, -20 % -> 100: centres 100, 110, 120 are crossed: 100 + 200 + 300 = 600
    expect(scenarioFromMap(view, 125, -20)).toEqual({
      movePct: -20,
      liquidatedUsd: 600,
      side: 'long',
      targetPrice: 100,
    })
  })

  it('sums short cells crossed by a rise', () => {
    // price 125, +10 % -> 137.5: only the centre 130 is crossed: 400
    expect(scenarioFromMap(view, 125, 10)?.liquidatedUsd).toBe(400)
  })

  it('gives nothing without a map or a price', () => {
    expect(scenarioFromMap({ ...view, unavailableReason: 'no OI' }, 125, 1)).toBeNull()
    expect(scenarioFromMap(view, null, 1)).toBeNull()
    expect(scenarioFromMap(view, 125, 0)).toBeNull()
  })
})
