import type { Exchange } from 'ccxt'
import type {
  LongShortEvent,
  LongShortKind,
  OpenInterestEvent,
  TakerVolumeEvent,
} from '../../../shared/market-event'
import type { Ctx as EventCtx } from './normalize'
import { toFiniteOrNull as finite } from './normalize'
import { implicitApi } from './ccxt-internals'

/** Binance's /futures/data endpoints (ccxt implicit API names) and the event each row becomes. */
export const BINANCE_LONG_SHORT: Record<LongShortKind, string> = {
  globalAccounts: 'fapiDataGetGlobalLongShortAccountRatio',
  topAccounts: 'fapiDataGetTopLongShortAccountRatio',
  topPositions: 'fapiDataGetTopLongShortPositionRatio',
}

export type Row = Record<string, unknown>

export async function fetchFuturesData(
  ex: Exchange,
  method: string,
  marketId: string,
  limit: number,
  endMs: number | null,
): Promise<Row[]> {
  const fn = implicitApi<Row>(ex, method)
  const params: Row = { symbol: marketId, period: '5m', limit }
  if (endMs !== null) params.endTime = endMs
  const rows = await fn(params)
  return Array.isArray(rows) ? (rows as Row[]) : []
}

interface Ctx {
  venue: 'binanceusdm'
  symbol: string
  receiveTsMs: number
}

/** A ratio row (`longShortRatio`, and the shares where given); OKX's `[ts, ratio]` rows are mapped onto it. */
export function longShortFromRow(ctx: EventCtx, kind: LongShortKind, r: Row): LongShortEvent | null {
  const ratio = finite(r.longShortRatio)
  const ts = finite(r.timestamp)
  if (ratio === null || ts === null) return null
  return {
    type: 'longShort',
    ...ctx,
    exchangeTsMs: ts,
    kind,
    ratio,
    longShare: finite(r.longAccount),
    shortShare: finite(r.shortAccount),
    periodMinutes: 5,
  }
}

/** USDⓈ-M contracts are one base unit each, so `sumOpenInterest` is both contracts and base. */
export function openInterestFromRow(ctx: Ctx, r: Row): OpenInterestEvent | null {
  const ts = finite(r.timestamp)
  const base = finite(r.sumOpenInterest)
  if (ts === null || base === null) return null
  return {
    type: 'openInterest',
    ...ctx,
    exchangeTsMs: ts,
    oiContracts: base,
    oiBase: base,
    oiUsd: finite(r.sumOpenInterestValue),
  }
}

export function takerVolumeFromRow(ctx: Ctx, r: Row): TakerVolumeEvent | null {
  const ts = finite(r.timestamp)
  if (ts === null) return null
  return {
    type: 'takerVolume',
    ...ctx,
    exchangeTsMs: ts,
    buyVolBase: finite(r.buyVol),
    sellVolBase: finite(r.sellVol),
    periodMinutes: 5,
  }
}
