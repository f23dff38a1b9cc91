import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  METRIC_IDS,
  isMetricId,
  metricDef,
  metricInfo,
  methodologyAnchor,
} from '../../src/shared/scoring/metric-registry'
import type { MetricId } from '../../src/shared/scoring/metric-registry'

const DOC = readFileSync(resolve(__dirname, '../../docs/methodology.md'), 'utf8')

/** The ids the methodology's "Metric ids" table lists: the published contract, read independently. */
function documentedIds(): string[] {
  const table = DOC.slice(DOC.indexOf('## Metric ids'), DOC.indexOf('Labels ('))
  return [...table.matchAll(/`([a-z0-9-]+)`/g)].map((x) => x[1]!)
}

describe('metric registry', () => {
  it('knows every metric id the methodology documents', () => {
    const documented = documentedIds()
    expect(documented.length).toBeGreaterThan(60)
    expect(documented.filter((id) => !isMetricId(id))).toEqual([])
  })

  it('points every id at a section that exists in the methodology', () => {
    const anchors = new Set([...DOC.matchAll(/<a id="([^"]+)">/g)].map((x) => x[1]!))
    const headings = new Set(
      [...DOC.matchAll(/^#+ (.+)$/gm)].map((x) =>
        x[1]!
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    )
    const missing = METRIC_IDS.map(methodologyAnchor).filter((a) => !anchors.has(a) && !headings.has(a))
    expect(missing).toEqual([])
  })

  it('gives every metric a name, a unit and a window', () => {
    for (const id of METRIC_IDS) {
      const d = metricDef(id)
      expect(d.name.length, id).toBeGreaterThan(1)
      expect(d.unit.length, id).toBeGreaterThan(0)
      expect(d.window.length, id).toBeGreaterThan(0)
    }
  })

  it('explains a label by the metric it comes from and an unknown id as itself', () => {
    expect(metricInfo('funding-regime').name).toBe('Funding percentile')
    expect(metricInfo('no-such-metric').name).toBe('no-such-metric')
    expect(isMetricId('funding-apr')).toBe(true)
    expect(isMetricId('funding_apr')).toBe(false)
    expectTypeOf<'funding-apr'>().toMatchTypeOf<MetricId>()
    expectTypeOf<'funding_apr'>().not.toMatchTypeOf<MetricId>()
  })
})
