import { describe, expect, it } from 'vitest'
import { buildEvidenceReport } from './build-report'
import { complementSeries } from './complements'
import { DROP_SESSION_INFO as info, dropSession as session, MIN, onAt } from './test-series'

describe('complements of on/off signals', () => {
  it('are the other values of a label where it was determined, and every other time for a tag', () => {
    const binary = new Map([
      ['label:vol-regime=expanding', onAt(6, [1, 2])],
      ['label:vol-regime=stable', onAt(6, [3, 4])],
      ['tag:squeeze', onAt(6, [0, 5])],
    ])
    const c = complementSeries(binary, 6)
    // vol-regime undetermined at 0 and 5: neither a value nor its complement there
    expect([...c.get('label:vol-regime=expanding~off')!]).toEqual([0, 0, 0, 1, 1, 0])
    expect([...c.get('label:vol-regime=stable~off')!]).toEqual([0, 1, 1, 0, 0, 0])
    expect([...c.get('tag:squeeze~off')!]).toEqual([0, 1, 1, 1, 1, 0])
  })

  it('are reported beside their signal, and every continuous metric gets its AUC', () => {
    const r = buildEvidenceReport({
      sessions: [{ info, sampled: session() }],
      horizonsMs: [5 * MIN],
      moves: [0.05],
      minEvents: 3,
      nowMs: 0,
    })
    const row = (id: string) => r.binary.find((b) => b.signalId === id && b.outcomeId === 'drop-5%-5m')!
    // high starts 3 min before each of the 5 drops: 5 onsets, 5 hits. Its complement (low, already on at the
    // first sample, which is no onset) starts again at each drop (20, 60, 100, 140, 180): 5 onsets, none
    // followed by a drop within 5 min (the next is 40 min later).
    const high = row('label:risk-level=high')
    expect([high.independentOnsets, high.hits]).toEqual([5, 5])
    expect([high.complement!.independentOnsets, high.complement!.hits]).toEqual([5, 0])
    expect(high.complement!.hitRate).toBe(0)
    // and "low" carries "high" as its complement
    const low = row('label:risk-level=low')
    expect([low.independentOnsets, low.hits]).toEqual([5, 0])
    expect([low.complement!.independentOnsets, low.complement!.hits]).toEqual([5, 5])
    // complements are not rows of their own
    expect(r.binary.some((b) => b.signalId.endsWith('~off'))).toBe(false)

    const auc = (id: string) => r.continuous.find((c) => c.signalId === id && c.outcomeId === 'drop-5%-5m')!
    // the metric is 1 at exactly the samples a drop follows: every positive outranks every negative
    expect(auc('metric:oi-roc-4h').auc).toBe(1)
    expect(auc('metric:oi-roc-4h').roc).toEqual([])
    expect(auc('score:lsi').auc).toBe(1)
    expect(auc('score:lsi').roc.length).toBeGreaterThan(0)
  })
})
