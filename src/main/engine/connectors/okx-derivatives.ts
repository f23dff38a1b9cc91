import type {
  FundingEvent,
  LiquidationEvent,
  LongShortEvent,
  LongShortKind,
  MarkEvent,
} from '../../../shared/market-event'
import { longShortFromRow } from './binance-futures-data'
import type { Ctx } from './normalize'
import { contractsToBase, fundingEvent, markEvent, toFiniteOrNull } from './normalize'

type Info = Record<string, unknown>

/**
 * Every liquidation in an OKX `liquidation-orders` entry. ccxt 4.5.84 parses only the first of an entry's
 * `details`, so the radar reads them all from the raw entry. `sz` is in contracts: a linear contract is
 * `contractSize` base units, a coin-margined one `contractSize` USD. `posSide` names the liquidated
 * position where OKX states it (long/short mode); in net mode a forced sell closes a long.
 */
export function okxLiquidationEvents(
  ctx: Ctx,
  entry: Info | undefined,
  contract: { contractSize: number; inverse: boolean },
): LiquidationEvent[] {
  const details = Array.isArray(entry?.details) ? (entry.details as Info[]) : []
  const out: LiquidationEvent[] = []
  for (const d of details) {
    const price = toFiniteOrNull(d.bkPx)
    const contracts = toFiniteOrNull(d.sz)
    const ts = toFiniteOrNull(d.ts)
    if (price === null || price <= 0 || contracts === null || contracts <= 0 || ts === null) continue
    const positionSide =
      d.posSide === 'long' || d.posSide === 'short'
        ? d.posSide
        : d.side === 'sell'
          ? 'long'
          : d.side === 'buy'
            ? 'short'
            : null
    if (positionSide === null) continue
    const qtyBase = contractsToBase(contracts, price, contract.contractSize, contract.inverse)
    out.push({
      type: 'liquidation',
      ...ctx,
      exchangeTsMs: ts,
      positionSide,
      price,
      qtyBase,
      usd: contract.inverse ? contracts * contract.contractSize : qtyBase * price,
    })
  }
  return out
}

/** ccxt's parsed OKX `funding-rate` push; the raw push carries the exchange time as `ts`. */
export interface OkxFunding {
  fundingRate?: number
  fundingTimestamp?: number
  nextFundingRate?: number
  timestamp?: number
  interval?: string
  info?: Info
}

/**
 * The live estimate of the current period's rate, settling at `fundingTime`. The interval comes from the
 * market's own setting where known, else from `nextFundingTime - fundingTime` (ccxt's `interval`, e.g. "8h").
 */
export function okxFundingEvent(
  ctx: Ctx,
  f: OkxFunding,
  marketIntervalHours: number | null,
): FundingEvent | null {
  const hours = marketIntervalHours ?? (f.interval ? Number.parseInt(f.interval, 10) : null)
  const tsMs = f.timestamp ?? toFiniteOrNull(f.info?.ts) ?? ctx.receiveTsMs
  return fundingEvent(
    ctx,
    tsMs,
    f.fundingRate,
    Number.isFinite(hours) ? hours : null,
    f.fundingTimestamp,
    false,
    f.nextFundingRate,
  )
}

/** ccxt's parsed OKX `mark-price` push: the raw entry is `{instId, instType, markPx, ts}`. */
export interface OkxMark {
  markPrice?: number
  timestamp?: number
  info?: Info
}

/** The mark price; OKX streams the index on another channel (`index-tickers`), so it stays null here. */
export function okxMarkEvent(ctx: Ctx, m: OkxMark): MarkEvent | null {
  const tsMs = m.timestamp ?? toFiniteOrNull(m.info?.ts) ?? ctx.receiveTsMs
  return markEvent(ctx, tsMs, m.info?.markPx ?? m.markPrice, null)
}

/** OKX's public long/short statistics per contract (ccxt implicit API names), polled at 5-minute periods. */
export const OKX_LONG_SHORT: Record<LongShortKind, string> = {
  globalAccounts: 'publicGetRubikStatContractsLongShortAccountRatioContract',
  topAccounts: 'publicGetRubikStatContractsLongShortAccountRatioContractTopTrader',
  topPositions: 'publicGetRubikStatContractsLongShortPositionRatioContractTopTrader',
}

/** A `[ts, ratio]` row of those endpoints. OKX gives the ratio only, so the shares stay unknown. */
export function okxLongShortFromRow(ctx: Ctx, kind: LongShortKind, row: unknown): LongShortEvent | null {
  if (!Array.isArray(row)) return null
  return longShortFromRow(ctx, kind, { timestamp: row[0], longShortRatio: row[1] })
}
