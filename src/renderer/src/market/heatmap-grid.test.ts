import { describe, expect, it } from 'vitest'
import type { HeatmapView } from '../../../shared/contract/heatmap'
import { buildHeatmapGrid, expandToBars, gridToRgba, levelOf, usdAtLevel } from './heatmap-grid'

// 3 one-minute columns x 2 price rows; cells[c * rows + r].
const view: HeatmapView = {
  key: 'binanceusdm:BTC/USDT:USDT',
  resolutionSec: 60,
  columns: [600, 660, 900],
  priceLo: 100,
  priceStep: 1,
  rows: 2,
  longUsd: [10, 0, 30, 0, 0, 5],
  shortUsd: [0, 20, 0, 40, 1, 0],
  maxCellUsd: 40,
  assumptions: [],
  current: null,
  unavailableReason: null,
}

describe('buildHeatmapGrid', () => {
  it('keeps the native columns and sums the selected layers', () => {
    const g = buildHeatmapGrid(view, { longs: true, shorts: true }, 60)
    expect(g.columnTimes).toEqual([600, 660, 900])
    expect([...g.usd]).toEqual([10, 20, 30, 40, 1, 5])
    expect(g.maxUsd).toBe(40)
  })

  it('shows one side only when the other is toggled off', () => {
    const g = buildHeatmapGrid(view, { longs: true, shorts: false }, 60)
    expect([...g.usd]).toEqual([10, 0, 30, 0, 0, 5])
    expect(g.maxUsd).toBe(30)
  })

  it('folds columns into 5-minute buckets keeping each cell’s maximum', () => {
    // 600 and 660 are in the 600 bucket: row 0 max(10, 30) = 30, row 1 max(20, 40) = 40; 900 is its own.
    const g = buildHeatmapGrid(view, { longs: true, shorts: true }, 300)
    expect(g.columnTimes).toEqual([600, 900])
    expect([...g.usd]).toEqual([30, 40, 1, 5])
  })
})

describe('colour levels', () => {
  it('maps USD to a linear or a three-decade log level and back', () => {
    expect(levelOf(0, 100)).toBe(0)
    expect(levelOf(100, 100)).toBe(255)
    expect(levelOf(25, 100, 'linear')).toBe(64) // 0.25 × 255 = 63.75
    expect(usdAtLevel(0.5, 100, 'linear')).toBe(50)
    // log: log10(1 + 999 × 0.1) / 3 = log10(100.9) / 3 = 0.66796 → × 255 = 170.3
    expect(levelOf(10, 100, 'log')).toBe(170)
    // the level 2/3 stands for (10² − 1) / 999 × 100 = 9.9099 USD
    expect(usdAtLevel(2 / 3, 100, 'log')).toBeCloseTo(9.9099, 4)
  })

  it('puts the lowest price row at the bottom of the bitmap and leaves empty cells transparent', () => {
    const g = buildHeatmapGrid(view, { longs: true, shorts: false }, 60)
    const px = gridToRgba(g)
    // width 3, height 2: pixel (c=0, y=1) is row 0 of column 0 (10 USD), pixel (c=0, y=0) is row 1 (0 USD).
    expect(px[(1 * 3 + 0) * 4 + 3]).toBeGreaterThan(0)
    expect(px[(0 * 3 + 0) * 4 + 3]).toBe(0)
  })
})

describe('one heatmap column per bar', () => {
  // A week of 5-minute bars sent sampled every second bar: columns at 0, 600, 1200 standing for 600 s each.
  const sampled: HeatmapView = {
    ...view,
    resolutionSec: 600,
    columns: [0, 600, 1200],
    rows: 1,
    longUsd: [10, 20, 30],
    shortUsd: [0, 0, 0],
  }
  const bars = [0, 300, 600, 900, 1200, 1500, 1800]

  it('gives every bar the column whose span covers it, and no column past the last span', () => {
    const g = expandToBars(buildHeatmapGrid(sampled, { longs: true, shorts: false }, 300), bars)
    expect(g.columnTimes).toEqual([0, 300, 600, 900, 1200, 1500])
    expect([...g.usd]).toEqual([10, 10, 20, 20, 30, 30])
  })

  it('has a coloured pixel column for every bar of the 5-minute chart (no barcode)', () => {
    const g = expandToBars(buildHeatmapGrid(sampled, { longs: true, shorts: false }, 300), bars)
    const px = gridToRgba(g)
    const width = g.columnTimes.length
    // Alpha of each pixel column (one row): every one is drawn.
    const alpha = Array.from({ length: width }, (_, c) => px[c * 4 + 3]!)
    expect(alpha.every((a) => a > 0)).toBe(true)
    expect(width).toBe(6)
  })
})
