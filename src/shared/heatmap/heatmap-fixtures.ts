import type { MarketEvent } from '../market-event'

/**
 * Event lists written for tests and the bench: one market, bars of `barMs`, each bar carrying the streams a
 * futures-data import has (taker volume at the bar start, the candle, open interest read at the bar's end).
 */
export interface FixtureBar {
  open?: number
  high: number
  low: number
  close: number
  /** Open interest in contracts (= base units) at the end of the bar; omitted = no reading. */
  oiBase?: number
  /** Open interest in USD at the end of the bar (for data that has no contract count). */
  oiUsd?: number
  takerBuyBase?: number
  takerSellBase?: number
  /** Mark prices seen during the bar. */
  marks?: number[]
}

/** Bar-aligned (a multiple of 5 minutes): 2023-11-15 00:00 UTC. */
export const FIXTURE_START_MS = 1_700_006_400_000

export function fixtureEvents(
  bars: readonly FixtureBar[],
  startMs = FIXTURE_START_MS,
  barMs = 60_000,
  symbol = 'TEST/USDT:USDT',
): MarketEvent[] {
  const base = { venue: 'binanceusdm', symbol } as const
  const out: MarketEvent[] = []
  bars.forEach((b, k) => {
    const s = startMs + k * barMs
    const at = (t: number) => ({ ...base, exchangeTsMs: t, receiveTsMs: t })
    if (b.takerBuyBase !== undefined && b.takerSellBase !== undefined)
      out.push({
        ...at(s),
        type: 'takerVolume',
        buyVolBase: b.takerBuyBase,
        sellVolBase: b.takerSellBase,
        periodMinutes: barMs / 60_000,
      })
    ;(b.marks ?? []).forEach((m, i) =>
      out.push({ ...at(s + 1 + i), type: 'mark', markPrice: m, indexPrice: null }),
    )
    out.push({
      ...at(s + barMs - 1),
      type: 'candle',
      priceKind: 'last',
      intervalSec: barMs / 1000,
      openTsMs: s,
      open: b.open ?? b.close,
      high: b.high,
      low: b.low,
      close: b.close,
      volumeBase: null,
      volumeUsd: null,
    })
    if (b.oiBase !== undefined || b.oiUsd !== undefined)
      out.push({
        ...at(s + barMs),
        type: 'openInterest',
        oiContracts: b.oiBase ?? null,
        oiBase: b.oiBase ?? null,
        oiUsd: b.oiUsd ?? null,
      })
  })
  return out
}

/** A flat bar at one price. */
export function flat(price: number, extra: Partial<FixtureBar> = {}): FixtureBar {
  return { high: price, low: price, close: price, ...extra }
}
