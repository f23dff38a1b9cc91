import type { Exchange } from 'ccxt'
import type { LiveVenueId } from '../../../../shared/market-event'
import type { UniverseField, UniverseRow } from '../../../../shared/contract/universe'

/** One linear perp as the venue lists it: its id in the bulk payloads and its unified symbol. */
export interface PerpRef {
  id: string
  symbol: string
  base: string
  /** Funding interval from the market listing (Bybit's instruments carry it), hours; null if not listed. */
  listedFundingIntervalHours: number | null
}

/** Every active linear perpetual of a loaded ccxt exchange (dated futures and inverse contracts left out). */
export function linearPerps(ex: Exchange): PerpRef[] {
  const out: PerpRef[] = []
  for (const m of Object.values(ex.markets ?? {})) {
    if (!m || !m.swap || !m.linear || m.active === false) continue
    const info = (m.info ?? {}) as { fundingInterval?: unknown }
    const minutes = finite(info.fundingInterval)
    out.push({
      id: m.id as string,
      symbol: m.symbol,
      base: m.base,
      listedFundingIntervalHours: minutes !== null && minutes > 0 ? minutes / 60 : null,
    })
  }
  return out
}

/** A finite number from a venue's string or number field; null for absent, empty or non-numeric. */
export function finite(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null
  const n = typeof v === 'number' ? v : Number(v)
  return Number.isFinite(n) ? n : null
}

/** A positive finite number (prices, notionals); null otherwise. */
export function positive(v: unknown): number | null {
  const n = finite(v)
  return n !== null && n > 0 ? n : null
}

/** Rows of a venue payload that are objects, keyed by their id field (later duplicates win). */
export function byId(list: unknown, idField: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>()
  if (!Array.isArray(list)) return out
  for (const r of list)
    if (r && typeof r === 'object') {
      const id = (r as Record<string, unknown>)[idField]
      if (typeof id === 'string') out.set(id, r as Record<string, unknown>)
    }
  return out
}

/** An empty row for a perp: every figure missing until a payload fills it. */
export function blankRow(venue: LiveVenueId, p: PerpRef, nowMs: number): UniverseRow {
  return {
    key: `${venue}:${p.symbol}`,
    venue,
    symbol: p.symbol,
    base: p.base,
    lastPrice: null,
    markPrice: null,
    indexPrice: null,
    change24hFraction: null,
    fundingRatePerPeriod: null,
    fundingIntervalHours: p.listedFundingIntervalHours,
    nextFundingTsMs: null,
    oiUsd: null,
    volume24hUsd: null,
    asOfMs: nowMs,
    missing: {},
  }
}

/** Marks every field still null with `why` (a row the payload left out says so rather than showing zero). */
export function noteMissing(row: UniverseRow, fields: Partial<Record<UniverseField, string>>): void {
  const has: Record<UniverseField, boolean> = {
    price: row.lastPrice !== null || row.markPrice !== null,
    change24h: row.change24hFraction !== null,
    funding: row.fundingRatePerPeriod !== null,
    oi: row.oiUsd !== null,
    volume24h: row.volume24hUsd !== null,
  }
  for (const [f, why] of Object.entries(fields) as [UniverseField, string][])
    if (!has[f] && !row.missing[f]) row.missing[f] = why
}
