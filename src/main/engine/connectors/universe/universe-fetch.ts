import type { Exchange } from 'ccxt'
import type { UniverseRow } from '../../../../shared/contract/universe'
import { implicitApi } from '../ccxt-internals'
import type { RestBudget } from '../rest-budget'
import type { BinanceOi } from './binance-universe'
import { binanceUniverseRows } from './binance-universe'
import { bybitUniverseRows } from './bybit-universe'
import type { OkxData } from './okx-universe'
import { okxUniverseRows } from './okx-universe'
import type { PerpRef } from './perp-ref'
import { positive } from './perp-ref'

/** Binance open interest requests per refresh: weight 1 each, a few percent of the 2,400/min budget. */
export const BINANCE_OI_PER_REFRESH = 40

/** What a venue's universe fetch keeps between refreshes (Binance's OI rotation and funding intervals). */
export interface UniverseFetchState {
  binanceOi: Map<string, BinanceOi>
  /** When each Binance perp's OI was last asked for (its turn in the rotation). */
  binanceOiAskedMs: Map<string, number>
  intervals: Map<string, number> | null
}

export const newFetchState = (): UniverseFetchState => ({
  binanceOi: new Map(),
  binanceOiAskedMs: new Map(),
  intervals: null,
})

export interface VenueUniverse {
  rows: UniverseRow[]
  note: string | null
}

const message = (err: unknown): string =>
  err instanceof Error ? (err.message.split('\n')[0] as string) : String(err)

/** What one refresh of a venue's universe works with (`VenueAdapter.fetchUniverse`). */
export interface UniverseFetchCtx {
  ex: Exchange
  perps: readonly PerpRef[]
  budget: RestBudget
  state: UniverseFetchState
  cadenceSec: number
  /** The venue adapter's funding intervals (hours per symbol) where the bulk replies lack them. */
  fundingIntervals: (symbols: readonly string[]) => Promise<Map<string, number>>
}

const caller =
  (c: UniverseFetchCtx) =>
  <P>(method: string, params: P): Promise<unknown> =>
    c.budget.run(() => implicitApi<P>(c.ex, method)(params))

/** Binance USDⓈ-M: premium index and 24 h tickers for all symbols, open interest one symbol at a time. */
export async function binanceUniverse(c: UniverseFetchCtx): Promise<VenueUniverse> {
  const call = caller(c)
  const [premium, tickers] = await Promise.all([
    call('fapiPublicGetPremiumIndex', {}),
    call('fapiPublicGetTicker24hr', {}),
  ])
  c.state.intervals ??= await c.fundingIntervals(c.perps.map((p) => p.symbol))
  await rotateBinanceOi(c.perps, tickers, c.state, (id) => call('fapiPublicGetOpenInterest', { symbol: id }))
  const rounds = Math.ceil(c.perps.length / BINANCE_OI_PER_REFRESH)
  const pending = `Binance has no all-symbol open interest: it is fetched ${BINANCE_OI_PER_REFRESH} symbols a refresh, busiest first, so every perp has it within ${Math.ceil((rounds * c.cadenceSec) / 60)} min`
  return {
    rows: binanceUniverseRows(
      c.perps,
      premium,
      tickers,
      c.state.binanceOi,
      c.state.intervals,
      pending,
      Date.now(),
    ),
    note: `open interest: ${c.state.binanceOi.size} of ${c.perps.length} perps so far (${BINANCE_OI_PER_REFRESH} per refresh)`,
  }
}

/** Bybit: one linear tickers reply carries every figure. */
export async function bybitUniverse(c: UniverseFetchCtx): Promise<VenueUniverse> {
  const reply = await caller(c)('publicGetV5MarketTickers', { category: 'linear' })
  return { rows: bybitUniverseRows(c.perps, reply, Date.now()), note: null }
}

/** OKX: swap tickers, open interest and funding, three all-instrument calls. */
export async function okxUniverse(c: UniverseFetchCtx): Promise<VenueUniverse> {
  const call = caller(c)
  // One failing call leaves its fields missing with the venue's reason; the other two still fill theirs.
  const okx = (method: string, params: Record<string, string>): Promise<OkxData> =>
    call(method, params).then(
      (r) => ({ data: Array.isArray((r as { data?: unknown }).data) ? (r as { data: unknown[] }).data : [] }),
      (err: unknown) => ({ error: `the venue refused: ${message(err)}` }),
    )
  const [tickers, oi, funding] = await Promise.all([
    okx('publicGetMarketTickers', { instType: 'SWAP' }),
    okx('publicGetPublicOpenInterest', { instType: 'SWAP' }),
    okx('publicGetPublicFundingRate', { instId: 'ANY' }),
  ])
  if ('error' in tickers && 'error' in oi && 'error' in funding) throw new Error(tickers.error)
  return { rows: okxUniverseRows(c.perps, tickers, oi, funding, Date.now()), note: null }
}

/**
 * Fetches open interest for the perps asked longest ago (never asked first), the busiest by 24 h quote
 * volume first among equals; a refused symbol keeps its previous value and its turn passes.
 */
async function rotateBinanceOi(
  perps: readonly PerpRef[],
  tickers: unknown,
  state: UniverseFetchState,
  fetchOne: (id: string) => Promise<unknown>,
): Promise<void> {
  const volume = new Map<string, number>()
  if (Array.isArray(tickers))
    for (const t of tickers as Record<string, unknown>[])
      volume.set(String(t.symbol), positive(t.quoteVolume) ?? 0)
  const asked = (id: string): number => state.binanceOiAskedMs.get(id) ?? -1
  const batch = [...perps]
    .sort((a, b) => asked(a.id) - asked(b.id) || (volume.get(b.id) ?? 0) - (volume.get(a.id) ?? 0))
    .slice(0, BINANCE_OI_PER_REFRESH)
  const now = Date.now()
  for (const p of batch) state.binanceOiAskedMs.set(p.id, now)
  await Promise.all(
    batch.map(async (p) => {
      try {
        const r = (await fetchOne(p.id)) as { openInterest?: unknown; time?: unknown }
        const oiBase = positive(r.openInterest)
        if (oiBase !== null) state.binanceOi.set(p.id, { oiBase, tsMs: positive(r.time) ?? Date.now() })
      } catch {
        // The symbol keeps its last value; its row says n/a with the rotation's reason until one arrives.
      }
    }),
  )
}
