import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { barsImporter } from '../../../src/main/engine/sessions/importers/bars'
import { applyEvents, createScoringState, snapshotMarket } from '../../../src/shared/scoring/scoring-state'

const DATA = resolve(__dirname, '../../../../shared/data/btc-derivatives-2026')
const LIQ_30M = `${DATA}/btc_liquidations_30m_2026-03-01_2026-05-28.csv`

describe('liquidation bars replayed into the liquidation metrics', () => {
  it('the first hour of the 30-minute history sums to the hourly export’s first row', async () => {
    const r = await barsImporter.run([LIQ_30M], {})
    const bars = r.events.filter((e) => e.type === 'liquidationBar')
    const s = createScoringState()
    applyEvents(s, bars.slice(0, 2))
    const key = `${bars[0]!.venue}:${bars[0]!.symbol}`
    const m = snapshotMarket(s, key)!.metrics
    // Rows 00:00 and 00:30 of 2026-03-01: long 48,015.6181 + 453,951.32487 = 501,966.94297 USD and short
    // 55,732.33158 + 5,210.0932 = 60,942.42478 USD — the hourly CoinGlass file's 00:00 row holds the same.
    expect(m['liq-long-1h']!.value).toBeCloseTo(501966.94297, 4)
    expect(m['liq-short-1h']!.value).toBeCloseTo(60942.42478, 4)
    expect(m['liq-long-24h']!.value).toBeCloseTo(501966.94297, 4)
    // A 5-minute window is finer than 30-minute totals: not known, not zero.
    expect(m['liq-long-5m']!.value).toBeNull()
    expect(m['liq-long-5m']!.reason).toBe(
      'liquidations come as 30 min bar totals: a 5m window is finer than the bars',
    )
  })
})
