import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../config'
import type { Metric } from '../snapshot'
import { LSI_CALIBRATION_2026 } from './lsi-2026'
import type { LsiCalibration, SpikeCalibration } from './lsi-calibration'
import { spikeOddsText, spikeProbability, verdictOf, writeSpikeProbabilities } from './lsi-calibration'

const side = (over: Partial<SpikeCalibration> = {}): SpikeCalibration => ({
  outcome: 'long-liquidation spike in 4 h',
  shipped: true,
  mapping: { a: -3.5, b: 0.025, scoreMin: 4, scoreMax: 76 },
  baseRate: 0.066,
  auc: { value: 0.58, lo: 0.48, hi: 0.67 },
  brier: { model: 0.062, baseRate: 0.0616, skill: -0.004, skillLo: -0.027, skillHi: 0.01 },
  reliability: [],
  calibrated: true,
  verdict: 'no demonstrated skill (AUC 0.58, 95 % 0.48–0.67, includes 0.5)',
  ...over,
})

const cal: LsiCalibration = {
  id: 'test',
  producedBy: 'test',
  producedOn: '2026-12-07',
  data: 'test',
  market: 'BTC hourly',
  fitSpan: { from: '2026-03-01', to: '2026-06-02', hours: 2237 },
  outOfSample: { from: '2026-04-01', to: '2026-06-02', hours: 1495 },
  score: 'lsi-own',
  method: 'Platt',
  horizonHours: 4,
  long: side(),
  short: side({ outcome: 'short-liquidation spike in 4 h', shipped: false, calibrated: false }),
}

const index = (value: number | null, present: number, weightShare: number): Metric => ({
  value,
  unit: 'score 0-100',
  sufficient: value !== null,
  reason: null,
  asOfMs: 1000,
  coverage: {
    present,
    total: 4,
    weightShare,
    partial: value === null,
    partialValue: value === null ? 30 : null,
  },
})

describe('the stress index as a probability', () => {
  it('maps a sufficient index to p with the usual rate, where it was fitted and what it is worth', () => {
    const m = spikeProbability(index(40, 3, 0.75), cal, 'long')
    // σ(−3.5 + 0.025 × 40) = σ(−2.5) = 0.0758582
    expect(m.value).toBeCloseTo(0.0758582, 6)
    expect(m.sufficient).toBe(true)
    expect(m.reason).toBe(
      'vs 6.6 % usual; fitted on BTC hourly 2026-03-01 – 2026-06-02; no demonstrated skill (AUC 0.58, 95 % 0.48–0.67, includes 0.5)',
    )
    // The index's coverage travels with it.
    expect(m.coverage).toMatchObject({ present: 3, total: 4, weightShare: 0.75, partial: false })
  })

  it('gives no probability for a partial index, and says why with its coverage', () => {
    const m = spikeProbability(index(null, 1, 0.2), cal, 'long')
    expect(m.value).toBeNull()
    expect(m.sufficient).toBe(false)
    expect(m.reason).toBe('partial stress index (1 of 4 inputs, 20 % of the weight): no probability')
    expect(m.coverage).toMatchObject({ present: 1, partial: true, partialValue: null })
  })

  it('gives none from a mapping that failed its out-of-sample reliability', () => {
    const m = spikeProbability(index(40, 4, 1), cal, 'short')
    expect(m.value).toBeNull()
    expect(m.reason).toMatch(/^not calibrated/)
  })

  it('gives none on spot markets or when the index weights differ from the fitted defaults', () => {
    const out: Record<string, Metric> = { 'lsi-own': index(40, 4, 1) }
    writeSpikeProbabilities(out, resolveConfig(), false, cal)
    expect(out['lsi-p-long-4h']!.reason).toBe('spot market: no leverage to stress')
    const reweighted = resolveConfig({
      lsiWeights: { fundingStress: 0, oiBuild: 0.5, liquidationProximity: 0.25, volatility: 0.25 },
    })
    writeSpikeProbabilities(out, reweighted, true, cal)
    expect(out['lsi-p-long-4h']!.value).toBeNull()
    expect(out['lsi-p-long-4h']!.reason).toMatch(/differ from the defaults/)
    writeSpikeProbabilities(out, resolveConfig(), true, cal)
    expect(out['lsi-p-long-4h']!.value).toBeCloseTo(0.0758582, 6)
  })

  it('says plainly whether the ranking and the forecast show skill', () => {
    expect(verdictOf({ value: 0.578, lo: 0.479, hi: 0.665 }, { skill: -0.004, skillLo: -0.03 })).toBe(
      'no demonstrated skill (AUC 0.58, 95 % 0.48–0.67, includes 0.5); forecasts no better than the usual rate',
    )
    expect(verdictOf({ value: 0.627, lo: 0.533, hi: 0.726 }, { skill: 0.02, skillLo: 0.001 })).toBe(
      'ranks spikes a little better than chance (AUC 0.63, 95 % 0.53–0.73); forecasts better than the usual rate',
    )
  })
})

describe('the probability as screens and the CLI print it', () => {
  it('prints p beside the usual rate, with the coverage in the note; n/a with its reason', () => {
    const out: Record<string, Metric> = { 'lsi-own': index(40, 3, 0.75) }
    writeSpikeProbabilities(out, resolveConfig(), true, cal)
    expect(spikeOddsText(out, 'long', cal)).toEqual({
      side: 'long',
      // σ(−2.5) = 7.59 % → "7.6 %"; base rate 0.066 → "6.6 %"
      text: 'long-liq spike in 4 h: 7.6 % vs 6.6 % usual',
      value: '7.6 %',
      note: 'fitted on BTC hourly 2026-03-01 – 2026-06-02; no demonstrated skill (AUC 0.58, 95 % 0.48–0.67, includes 0.5); index on 3 of 4 inputs (75 % of the weight)',
    })
    expect(spikeOddsText(out, 'short', cal)).toMatchObject({
      text: 'short-liq spike in 4 h: n/a',
      note: 'not calibrated: short-liquidation spike in 4 h out of sample did not match its predictions',
    })
    expect(spikeOddsText({}, 'long', cal).note).toBe('no stress index')
  })
})

describe('the shipped calibration (resources/calibration/lsi-2026.json)', () => {
  it('is a monotone mapping fitted on the 2026 BTC hourly data, with its evidence', () => {
    const c = LSI_CALIBRATION_2026
    expect(c.fitSpan.from).toBe('2026-03-01')
    expect(c.market).toMatch(/BTC hourly/)
    for (const s of [c.long, c.short]) {
      expect(s.mapping.b).toBeGreaterThanOrEqual(0)
      expect(s.mapping.scoreMin).toBeLessThan(s.mapping.scoreMax)
      expect(s.baseRate).toBeGreaterThan(0)
      expect(s.baseRate).toBeLessThan(0.2)
      expect(s.auc.lo).toBeLessThanOrEqual(s.auc.value)
      expect(s.auc.value).toBeLessThanOrEqual(s.auc.hi)
      expect(s.reliability.length).toBe(5)
      // Shipped only when every out-of-sample bin's prediction lies inside its observed rate's interval.
      const within = s.reliability.every((b) => b.predicted >= b.lo && b.predicted <= b.hi)
      expect(s.shipped).toBe(within)
    }
  })
})
