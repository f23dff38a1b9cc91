import type { Exchange } from 'ccxt'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LiquidationEvent } from '../../../src/shared/market-event'
import { streamsFor } from '../../../src/main/engine/connectors/market-streams'
import { recordedMarketsExchange } from './helpers'

/*
 * Bybit's allLiquidation stream is in the recording but carried no liquidation, so this feeds Bybit's published
 * frame (as quoted in ccxt's bybit parser) through ccxt.pro's own handler, with markets from the recorded
 * instruments (ROSEUSDT, linear, one ROSE a contract).
 */

const recorded = recordedMarketsExchange('bybit', ['linear'])
let ex: Exchange
beforeAll(() => {
  ex = recorded.ex()
})

function liquidationStream(symbol: string) {
  return streamsFor(ex, 'bybit', recorded.watched(symbol), { bookDepth: 20, bookThrottleMs: 0 }).find(
    (s) => s.stream === 'liquidation',
  )!
}

/** Runs a frame through ccxt.pro's bybit handler and returns what a pending watch would have been given. */
function deliver(frame: unknown): unknown[] {
  const resolved: unknown[][] = []
  const client = {
    resolve: (v: unknown[], hash: string) => hash.startsWith('liquidations::') && resolved.push(v),
  }
  ;(ex as unknown as { handleLiquidation(c: unknown, m: unknown): void }).handleLiquidation(client, frame)
  // A watch's future resolves once: later entries of the same frame reach nobody.
  return resolved[0]!
}

describe('Bybit allLiquidation through ccxt.pro', () => {
  it("reads Bybit's side as the liquidated position's, and keeps every entry of a frame", () => {
    const stream = liquidationStream('ROSE/USDT:USDT')
    const first = deliver({
      topic: 'allLiquidation.ROSEUSDT',
      type: 'snapshot',
      ts: 1739502303204,
      data: [
        // Bybit's published entry: "S": "Sell" is a short position liquidated, 20,000 ROSE at 0.04499.
        { T: 1739502302929, s: 'ROSEUSDT', S: 'Sell', v: '20000', p: '0.04499' },
        // Test input in the same shape: a long liquidated in the same 500 ms push.
        { T: 1739502303001, s: 'ROSEUSDT', S: 'Buy', v: '5000', p: '0.0449' },
      ],
    })
    const events = stream.toEvents(first, 1739502303300) as LiquidationEvent[]
    expect(events).toHaveLength(2)
    // 20,000 x 0.04499 = 899.8 USD; 5,000 x 0.0449 = 224.5 USD.
    expect(events[0]).toMatchObject({ positionSide: 'short', price: 0.04499, qtyBase: 20_000 })
    expect(events[0]!.usd).toBeCloseTo(899.8, 9)
    expect(events[1]).toMatchObject({ positionSide: 'long', price: 0.0449, qtyBase: 5000 })
    expect(events[1]!.usd).toBeCloseTo(224.5, 9)
    // The next push brings one new entry: only it becomes an event.
    const next = deliver({
      topic: 'allLiquidation.ROSEUSDT',
      type: 'snapshot',
      ts: 1739502303800,
      data: [{ T: 1739502303700, s: 'ROSEUSDT', S: 'Buy', v: '100', p: '0.0448' }],
    })
    expect((stream.toEvents(next, 1739502303900) as LiquidationEvent[]).map((e) => e.qtyBase)).toEqual([100])
  })
})
