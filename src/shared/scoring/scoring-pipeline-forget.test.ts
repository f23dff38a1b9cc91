import { describe, expect, it } from 'vitest'
import { DEFAULT_PIPELINE_CONFIG, ScoringPipeline } from './scoring-pipeline'
import { PERP, T0, oi } from './test-fixtures'

const KEY = `binanceusdm:${PERP}`
const HOUR_MS = 3_600_000

/** 25 hourly OI readings in BTC ending at T0 + 24 h: 1,000 BTC rising 10 BTC an hour to 1,240. */
const history = Array.from({ length: 25 }, (_, h) => oi(T0 + h * HOUR_MS, 1000 + 10 * h, null))
/** The universe's bulk figure (OI in USD only), stamped after that history. */
const bulk = oi(T0 + 25 * HOUR_MS, 0, 70e9)

describe('a tier-1 market taken into the watchlist', () => {
  it('without forgetting, its bulk figure shuts out the older history (the case forget exists for)', () => {
    const p = new ScoringPipeline({ config: DEFAULT_PIPELINE_CONFIG, tiersFor: () => null })
    p.push([{ ...bulk, oiBase: null }])
    p.push(history)
    expect(p.snapshot(KEY)!.metrics['oi-roc-24h']!.sufficient).toBe(false)
  })

  it('after forget, starts afresh and takes its history: 24 h OI change 1,240 / 1,000 − 1 = 24 %', () => {
    const p = new ScoringPipeline({ config: DEFAULT_PIPELINE_CONFIG, tiersFor: () => null })
    p.push([{ ...bulk, oiBase: null }])
    p.forget([KEY, 'okx:NOT/USDT:USDT'])
    expect(p.snapshotAll().map((s) => s.key)).toEqual([])
    expect(p.core.scoring.byAsset.get('BTC')).toBeUndefined()
    p.push(history)
    const roc = p.snapshot(KEY)!.metrics['oi-roc-24h']!
    expect(roc.sufficient).toBe(true)
    expect(roc.value).toBeCloseTo(1240 / 1000 - 1, 12)
  })
})
