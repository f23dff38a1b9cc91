import type { LiquidationEvent } from '../../../shared/market-event'
import type { CcxtLiquidation, Ctx } from './normalize'
import { liquidationEvent } from './normalize'

/** A liquidation as ccxt.pro's bybit caches it: the unified fields plus the market's symbol. */
export type BybitCcxtLiquidation = CcxtLiquidation & { symbol?: string }

/**
 * Bybit's `allLiquidation` pushes every liquidation of the last 500 ms in one frame, but ccxt 4.5.84 resolves
 * a watch once per frame, so only the first of a symbol's entries reaches the caller. Every entry does land
 * in ccxt's `liquidations` cache, so the radar reads the market's entries from there and remembers the ones
 * it has turned into events (by identity: ccxt makes one object per entry).
 *
 * Bybit's `S` is the side of the liquidated position ("Buy" = a long was liquidated), the opposite of the
 * forced-order side Binance and OKX report, so it is flipped before the shared normalizer reads it.
 */
export function bybitLiquidationEvents(
  ctx: Ctx,
  resolved: readonly BybitCcxtLiquidation[],
  cache: readonly BybitCcxtLiquidation[] | undefined,
  contractSize: number,
  seen: WeakSet<object>,
): LiquidationEvent[] {
  const out: LiquidationEvent[] = []
  for (const l of cache ?? resolved) {
    if (l.symbol !== undefined && l.symbol !== ctx.symbol) continue
    if (seen.has(l)) continue
    seen.add(l)
    const orderSide = l.side === 'buy' ? 'sell' : l.side === 'sell' ? 'buy' : l.side
    const e = liquidationEvent(ctx, { ...l, side: orderSide, contractSize })
    if (e) out.push(e)
  }
  return out
}
