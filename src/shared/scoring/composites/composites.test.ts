import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../config'
import type { EvalContext } from '../eval-context'
import type { MarketState } from '../market-state'
import type { Metric } from '../snapshot'
import { contradictions } from './contradictions'
import type { Signals } from './signals'
import { ownLsi, stressIndex } from './stress-index'

const cfg = resolveConfig()

function signals(over: Partial<Signals> = {}): Signals {
  return {
    funding: { ratePerHour: 1e-5, percentile: 0.9, regime: 'High', accelPctPerHour: 0, traj4h: 0 },
    oi: {
      roc4h: 0,
      roc24h: 0.1,
      regime: 'Stable',
      quadrant: null,
      drawdown24h: 0,
      flushRisk: null,
      priceChange: 0,
    },
    lsRatio: 1,
    topPositionsRatio: 1,
    liq: { cascade: 'none', longUsd1h: 0, shortUsd1h: 0 },
    vpinCdf: 0.5,
    vpinLevel: 'medium',
    vol: { volShort: 0.5, volLong: 0.5, ratio: 1.4 },
    volRegime: 'expanding',
    basis: { bps: 5, z: 0 },
    liqProximity01: null,
    liqProximityReason: 'liquidation heatmap not available',
    depthRatio1: 1,
    corrRef: null,
    refLsi: null,
    refAsset: 'BTC',
    ...over,
  }
}

function ctx(metrics: Record<string, Metric>): EvalContext {
  return {
    cfg,
    nowMs: 0,
    tick: false,
    m: {} as MarketState,
    metrics,
    band: () => null,
    cat: (_id, raw) => raw,
  }
}

describe('Leverage Stress Index', () => {
  it('renormalizes the weights over the available components and names the missing one', () => {
    const out: Record<string, Metric> = {}
    // funding stress |2 * 0.9 - 1| = 0.8; OI build 0.1 / 0.2 = 0.5; volatility (1.4 - 0.8) / (2 - 0.8) = 0.5
    // (0.3 * 0.8 + 0.25 * 0.5 + 0.2 * 0.5) / (0.3 + 0.25 + 0.2) = 0.465 / 0.75 = 0.62 -> 62
    expect(ownLsi(signals(), cfg, out, 1)).toBeCloseTo(62, 9)
    expect(out['lsi-own']!.reason).toBe(
      '3 of 4 inputs; without liquidation proximity (liquidation heatmap not available)',
    )
    // 0.3 + 0.25 + 0.2 of a total weight 1: 75 % covered, over the 60 % floor.
    expect(out['lsi-own']!.coverage).toMatchObject({ present: 3, total: 4, partial: false })
    expect(out['lsi-own']!.coverage!.weightShare).toBeCloseTo(0.75, 12)
    expect(out['lsi-c-liq']!.value).toBeNull()
  })

  it('uses all four weights once liquidation proximity is fed', () => {
    // + 0.25 * 1: (0.465 + 0.25) / 1 = 0.715 -> 71.5
    expect(ownLsi(signals({ liqProximity01: 1, liqProximityReason: null }), cfg, {}, 1)).toBeCloseTo(71.5, 9)
  })

  it('is n/a, not zero, with no component at all', () => {
    const out: Record<string, Metric> = {}
    const none = signals({
      funding: { ratePerHour: null, percentile: null, regime: null, accelPctPerHour: null, traj4h: null },
      oi: {
        roc4h: null,
        roc24h: null,
        regime: null,
        quadrant: null,
        drawdown24h: null,
        flushRisk: null,
        priceChange: null,
      },
      vol: { volShort: null, volLong: null, ratio: null },
    })
    expect(ownLsi(none, cfg, out, 1)).toBeNull()
    expect(out['lsi-own']!.reason).toMatch(/^no input available/)
  })

  it('carries a stressed reference when the correlation is high, and says so', () => {
    const out: Record<string, Metric> = {}
    const s = signals({ corrRef: 0.9, refLsi: 80, refAsset: 'BTC' })
    const own = ownLsi(s, cfg, out, 1) // 62
    const note = stressIndex(ctx(out), s, own)
    // 0.9 x 80 = 72 > 62
    expect(out['lsi']!.value).toBeCloseTo(72, 9)
    expect(note).toBe(
      'Correlated 0.90 with BTC, which is under stress (LSI 80): this market carries that stress',
    )
    const low: Record<string, Metric> = {}
    const s2 = signals({ corrRef: 0.5, refLsi: 80 })
    expect(stressIndex(ctx(low), s2, ownLsi(s2, cfg, low, 1))).toBeNull()
    expect(low['lsi']!.value).toBeCloseTo(62, 9)
  })
})

describe('contradictions', () => {
  it('states the four core disagreements', () => {
    const fundingUp = {
      ratePerHour: 1e-4,
      percentile: 0.99,
      regime: 'Very High',
      accelPctPerHour: 0,
      traj4h: 0,
    }
    const oiFalling = {
      roc4h: -0.03,
      roc24h: -0.03,
      regime: 'Falling',
      quadrant: null,
      drawdown24h: 0.03,
      flushRisk: null,
      priceChange: 0,
    }
    expect(contradictions(signals({ funding: fundingUp, oi: oiFalling }), cfg)).toContain(
      'Funding extreme positive but OI falling: the crowd is unwinding',
    )
    const neutral = { ratePerHour: 1e-5, percentile: 0.5, regime: 'Typical', accelPctPerHour: 0, traj4h: 0 }
    const oiFast = { ...oiFalling, roc4h: 0.1, regime: 'Rising Fast' }
    expect(contradictions(signals({ funding: neutral, oi: oiFast }), cfg)).toEqual([
      'OI rising fast while funding is typical: stealth leverage build-up',
    ])
    const negative = { ...neutral, ratePerHour: -2e-5, percentile: 0.1, regime: 'Low' }
    const priceUp = { ...oiFalling, regime: 'Stable', priceChange: 0.02 }
    expect(contradictions(signals({ funding: negative, oi: priceUp }), cfg)).toEqual([
      'Price rising while funding is negative: shorts are fighting the move (squeeze fuel)',
    ])
    // Low against its history but still positive (longs pay): funding is not negative, so no sentence says so.
    const lowButPositive = { ...neutral, percentile: 0.1, regime: 'Low' }
    expect(contradictions(signals({ funding: lowButPositive, oi: priceUp }), cfg)).toEqual([])
    const priceDown = { ...priceUp, priceChange: -0.02 }
    expect(contradictions(signals({ oi: priceDown }), cfg)).toEqual([
      'Price falling while funding stays positive: longs are adding into the drop',
    ])
  })

  it('says nothing when the signals agree', () => {
    expect(contradictions(signals(), cfg)).toEqual([])
  })
})
