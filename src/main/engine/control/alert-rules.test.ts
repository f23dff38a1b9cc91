import { appendFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AlertFired, AlertRule } from '../../../shared/contract/alerts'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { createMemoryLogger } from '../logging/logger'
import { AlertEvaluator, AlertRuleStore } from './alert-rules'

const snap = (key: string, lsi: number): MarketSnapshot => ({
  key,
  venue: 'binanceusdm',
  symbol: key.split(':').slice(1).join(':'),
  asOfMs: 1,
  lastPrice: null,
  eventCount: 1,
  metrics: { lsi: { value: lsi, unit: 'score 0-100', sufficient: true, reason: null, asOfMs: 1 } },
  labels: {},
  tags: [],
  contradictions: [],
  evaluatedAtMs: 1,
  stress: lsi,
})

describe('AlertEvaluator', () => {
  const rule: AlertRule = {
    id: 'hot',
    market: '*',
    kind: 'threshold',
    field: 'lsi',
    op: 'above',
    value: 70,
    hysteresis: 5,
    enabled: true,
  }

  it('fires once when a value crosses, not again while it hovers, and re-arms past the hysteresis band', () => {
    const fired: AlertFired[] = []
    const ev = new AlertEvaluator(
      () => [rule],
      (a) => fired.push(a),
    )
    const key = 'binanceusdm:BTC/USDT:USDT'
    // 65 (below) -> 71 fires -> 69, 71, 68 hover inside 65..70: no fire -> 64 re-arms (< 70 - 5) -> 72 fires.
    for (const v of [65, 71, 69, 71, 68, 64, 72]) ev.onSnapshots([snap(key, v)])
    expect(fired.map((f) => f.message)).toEqual([
      `${key}: Leverage Stress Index above 70 (now 71)`,
      `${key}: Leverage Stress Index above 70 (now 72)`,
    ])
  })

  it('keeps per-market arming and honours a market-specific rule', () => {
    const fired: AlertFired[] = []
    const ethOnly: AlertRule = { ...rule, id: 'eth', market: 'binanceusdm:ETH/USDT:USDT' }
    const ev = new AlertEvaluator(
      () => [ethOnly],
      (a) => fired.push(a),
    )
    ev.onSnapshots([snap('binanceusdm:BTC/USDT:USDT', 90), snap('binanceusdm:ETH/USDT:USDT', 90)])
    expect(fired.map((f) => f.key)).toEqual(['binanceusdm:ETH/USDT:USDT'])
  })

  it('fires regime-shift rules on the named label only', () => {
    const fired: AlertFired[] = []
    const shiftRule: AlertRule = {
      id: 'fr',
      market: '*',
      kind: 'regimeShift',
      field: 'funding-regime',
      enabled: true,
    }
    const ev = new AlertEvaluator(
      () => [shiftRule],
      (a) => fired.push(a),
    )
    ev.onRegimeShift({ key: 'k', field: 'oi-regime', from: 'Stable', to: 'Rising', marketTsMs: 5 })
    ev.onRegimeShift({
      key: 'k',
      field: 'funding-regime',
      from: 'Typical',
      to: 'Very High',
      marketTsMs: 6,
    })
    expect(fired).toHaveLength(1)
    expect(fired[0]).toMatchObject({
      key: 'k',
      marketTsMs: 6,
      message: 'k: funding-regime Typical → Very High',
    })
  })
})

describe('alert log', () => {
  it('survives a restart and skips a torn last line', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'radar-alertlog-')), 'alert-log.jsonl')
    const rule: AlertRule = { id: 'r', market: '*', kind: 'regimeShift', field: 'oi-regime', enabled: true }
    const first = new AlertEvaluator(
      () => [rule],
      () => {},
      path,
    )
    first.onRegimeShift({ key: 'k', field: 'oi-regime', from: 'Stable', to: 'Rising', marketTsMs: 7 })
    appendFileSync(path, '{"ruleId": "r", "mess')
    const second = new AlertEvaluator(
      () => [rule],
      () => {},
      path,
    )
    expect(second.history().map((a) => a.message)).toEqual(['k: oi-regime Stable → Rising'])
  })
})

describe('AlertRuleStore', () => {
  it('persists rules and sets a damaged file aside', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-alerts-'))
    const path = join(dir, 'alerts.json')
    const store = new AlertRuleStore(path, createMemoryLogger())
    store.save({ id: 'a', market: '*', kind: 'regimeShift', field: 'setup', enabled: true })
    expect(new AlertRuleStore(path, createMemoryLogger()).list().map((r) => r.id)).toEqual(['a'])
    writeFileSync(path, '[{"id": 1}]')
    expect(new AlertRuleStore(path, createMemoryLogger()).list()).toEqual([])
    expect(readdirSync(dir).some((f) => f.startsWith('alerts.json.damaged-'))).toBe(true)
  })

  it('refuses a threshold on an unknown metric id and keeps the rules it had', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'radar-alerts-')), 'alerts.json')
    const store = new AlertRuleStore(path, createMemoryLogger())
    const threshold = { market: '*', kind: 'threshold', op: 'above', value: 0.1, enabled: true } as const
    store.save({ ...threshold, id: 'ok', field: 'funding-apr' })
    expect(() => store.save({ ...threshold, id: 'typo', field: 'funding_apr' })).toThrow(
      'unknown metric "funding_apr"',
    )
    expect(() => store.save({ ...threshold, id: 'label', field: 'setup-tag' })).toThrow(/not a number/)
    expect(store.list().map((r) => r.id)).toEqual(['ok'])
  })
})

describe('threshold messages', () => {
  it('name the metric and show values in its display unit', () => {
    const fired: AlertFired[] = []
    const ev = new AlertEvaluator(
      () => [
        {
          id: 'f',
          market: '*',
          kind: 'threshold',
          field: 'funding-rate',
          op: 'above',
          value: 0.000284,
          enabled: true,
        },
      ],
      (a) => fired.push(a),
    )
    const s = snap('k', 1)
    s.metrics['funding-rate'] = {
      value: 0.0002841,
      unit: 'fraction/period',
      sufficient: true,
      reason: null,
      asOfMs: 1,
    }
    ev.onSnapshots([s])
    // 0.000284 per period = 0.0284 %; 0.0002841 = 0.02841 %.
    expect(fired.map((f) => f.message)).toEqual(['k: Funding rate above 0.0284 % (now 0.02841 %)'])
  })
})
