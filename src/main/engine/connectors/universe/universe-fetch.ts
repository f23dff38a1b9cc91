import type { Exchange } from 'ccxt'
import type { UniverseRow } from '../../../../shared/contract/universe'
import { implicitApi } from '../ccxt-internals'
import type { RestBudget } from '../rest-budget'
import type { ConnectorVenue } from '../url-override'
import { adapterFor } from '../venues'
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

/** One refresh of a venue's linear perps from its bulk endpoints. */
export async function fetchVenueUniverse(
  venue: ConnectorVenue,
  ex: Exchange,
  perps: readonly PerpRef[],
  budget: RestBudget,
  state: UniverseFetchState,
  cadenceSec: number,
): Promise<VenueUniverse> {
  const call = <P>(method: string, params: P): Promise<unknown> =>
    budget.run(() => implicitApi<P>(ex, method)(params))
  if (venue === 'binanceusdm') {
    const [premium, tickers] = await Promise.all([
      call('fapiPublicGetPremiumIndex', {}),
      call('fapiPublicGetTicker24hr', {}),
    ])
    state.intervals ??= await adapterFor(venue).fundingIntervals(
      ex,
      perps.map((p) => p.symbol),
      budget,
    )
    await rotateBinanceOi(perps, tickers, state, (id) => call('fapiPublicGetOpenInterest', { symbol: id }))
    const rounds = Math.ceil(perps.length / BINANCE_OI_PER_REFRESH)
    const pending = `Binance has no all-symbol open interest: it is fetched ${BINANCE_OI_PER_REFRESH} symbols a refresh, busiest first, so every perp has it within ${Math.ceil((rounds * cadenceSec) / 60)} min`
    return {
      rows: binanceUniverseRows(
        perps,
        premium,
        tickers,
        state.binanceOi,
        state.intervals,
        pending,
        Date.now(),
      ),
      note: `open interest: ${state.binanceOi.size} of ${perps.length} perps so far (${BINANCE_OI_PER_REFRESH} per refresh)`,
    }
  }
  if (venue === 'bybit') {
    const reply = await call('publicGetV5MarketTickers', { category: 'linear' })
    return { rows: bybitUniverseRows(perps, reply, Date.now()), note: null }
  }
  if (venue === 'okx') {
    // One failing call leaves its fields missing with the venue's reason; the other two still fill theirs.
    const okx = (method: string, params: Record<string, string>): Promise<OkxData> =>
      call(method, params).then(
        (r) => ({
          data: Array.isArray((r as { data?: unknown }).data) ? (r as { data: unknown[] }).data : [],
        }),
        (err: unknown) => ({ error: `the venue refused: ${message(err)}` }),
      )
    const [tickers, oi, funding] = await Promise.all([
      okx('publicGetMarketTickers', { instType: 'SWAP' }),
      okx('publicGetPublicOpenInterest', { instType: 'SWAP' }),
      okx('publicGetPublicFundingRate', { instId: 'ANY' }),
    ])
    if ('error' in tickers && 'error' in oi && 'error' in funding) throw new Error(tickers.error)
    return { rows: okxUniverseRows(perps, tickers, oi, funding, Date.now()), note: null }
  }
  throw new Error(`${venue} has no linear perps`)
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
