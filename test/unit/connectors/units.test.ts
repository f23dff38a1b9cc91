import { describe, expect, it } from 'vitest'
import { backoffDelayMs } from '../../../src/main/engine/connectors/backoff'
import { FrameGuard } from '../../../src/main/engine/connectors/frame-guard'
import { retryAfterMs } from '../../../src/main/engine/connectors/rest-budget'
import { applyBaseUrlOverride, overrideFromEnv } from '../../../src/main/engine/connectors/url-override'

describe('backoff', () => {
  it('doubles from the base, caps at the max, and jitters downwards', () => {
    const o = { baseMs: 100, maxMs: 1000, jitter: 0.5 }
    // attempt 3: 100 * 2^3 = 800; random 0 -> no jitter; random 1 -> 800 * (1 - 0.5) = 400
    expect(backoffDelayMs(3, o, () => 0)).toBe(800)
    expect(backoffDelayMs(3, o, () => 1)).toBe(400)
    // attempt 5: 3200 capped to 1000
    expect(backoffDelayMs(5, o, () => 0)).toBe(1000)
  })
})

describe('Retry-After', () => {
  it('reads seconds and HTTP dates in any header case', () => {
    expect(retryAfterMs({ 'Retry-After': '2' }, 0)).toBe(2000)
    // Thu, 01 Jan 1970 00:00:05 GMT is 5000 ms after epoch
    expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 1970 00:00:05 GMT' }, 1000)).toBe(4000)
    expect(retryAfterMs({}, 0)).toBeNull()
  })
})

describe('base URL override', () => {
  it('rewrites every http(s) and ws(s) URL to the override origin, keeping paths', () => {
    const api = {
      fapiPublic: 'https://fapi.binance.com/fapi/v1',
      ws: { future: 'wss://fstream.binance.com/ws' },
      rest: 'https://{hostname}',
    }
    expect(applyBaseUrlOverride(api, { restUrl: 'http://127.0.0.1:9', wsUrl: 'ws://127.0.0.1:9' })).toBe(3)
    expect(api).toEqual({
      fapiPublic: 'http://127.0.0.1:9/fapi/v1',
      ws: { future: 'ws://127.0.0.1:9/ws' },
      rest: 'http://127.0.0.1:9',
    })
    expect(overrideFromEnv('bybit', { RADAR_BYBIT_REST_URL: 'http://x:1' })).toEqual({
      restUrl: 'http://x:1',
    })
  })
})

describe('frame guard', () => {
  const url = 'ws://127.0.0.1:1/public/ws/0'
  // Two consecutive recorded perp diffs (usdm/btcusdt_20230405): u 2710249413621, then pu 2710249413621 / u 2710249417209.
  const d1 = {
    e: 'depthUpdate',
    s: 'BTCUSDT',
    U: 2710249412206,
    u: 2710249413621,
    pu: 2710249412032,
    b: [],
    a: [],
  }
  const d2 = {
    e: 'depthUpdate',
    s: 'BTCUSDT',
    U: 2710249413733,
    u: 2710249417209,
    pu: 2710249413621,
    b: [],
    a: [],
  }
  it('passes a contiguous book, flags a skipped update as a sequence gap', () => {
    const g = new FrameGuard('binanceusdm')
    expect(g.inspect(url, d1)).toBe('ok')
    expect(g.inspect(url, d2)).toBe('ok')
    expect(g.inspect(url, { ...d2, U: 2710249417300, u: 2710249418000, pu: 2710249417250 })).toBe('seqGap')
  })
  it('counts malformed, duplicate and out-of-order frames', () => {
    const g = new FrameGuard('binanceusdm')
    const t = (id: number) => ({ e: 'trade', s: 'BTCUSDT', t: id, p: '28155.10', q: '0.001' })
    expect(g.inspect(url, '{"e":"trade","E":16806528')).toBe('malformed')
    expect(g.inspect(url, { e: 'trade', s: 'BTCUSDT', t: 1, p: 'x', q: '1' })).toBe('malformed')
    expect(g.inspect(url, t(3535188229))).toBe('ok')
    expect(g.inspect(url, t(3535188229))).toBe('duplicate')
    expect(g.inspect(url, t(3535188228))).toBe('outOfOrder')
    expect(g.counts).toEqual({ malformed: 2, duplicate: 1, outOfOrder: 1, seqGap: 0 })
  })
  it('keeps positions per connection (Bybit spot and linear reuse topic names)', () => {
    const g = new FrameGuard('bybit')
    const book = (u: number, type = 'delta') => ({ topic: 'orderbook.200.BTCUSDT', type, data: { u } })
    expect(g.inspect('ws://h/v5/public/linear', book(15076953))).toBe('ok')
    expect(g.inspect('ws://h/v5/public/spot', book(62505425))).toBe('ok')
    expect(g.inspect('ws://h/v5/public/linear', book(15076954))).toBe('ok')
    // u must step by 1 (2,142 consecutive deltas in BYBIT.jsonl.zst all do): 15076954 -> 15076956 skips one
    // ccxt's bybit never checks u, so the gapped update is dropped (counted as a gap) and the book resyncs.
    expect(g.inspect('ws://h/v5/public/linear', book(15076956))).toBe('resyncing')
    expect(g.counts.seqGap).toBe(1)
  })
})
