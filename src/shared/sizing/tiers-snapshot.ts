import type { MarginTier } from './tiers'
import { tierTableProblems } from './tiers'
import type { LotRow, MarketLot } from './market-lot'
import { lotFromRow, lotRowProblem } from './market-lot'

/** Column order of one tier row in the bundled snapshot (compact: ~350 markets × up to 12 tiers). */
export const TIER_COLUMNS = [
  'minNotional',
  'maxNotional',
  'maintenanceMarginRate',
  'maxLeverage',
  'cum',
] as const

export type TierRow = [number, number, number, number | null, number]

export interface SnapshotMarket {
  /** Settle (margin) currency, e.g. USDT; notionals and amounts are in it. */
  settle: string
  /** Base units per contract (1 for Binance USDⓈ-M linear markets). */
  contractSize: number
  tiers: TierRow[]
  /** Quantity step, minimum quantity and price tick, where the snapshot's lot source lists the market. */
  lot?: LotRow
}

/** The bundled file's shape (resources/leverage-tiers/binance-usdm-tiers.json). */
export interface TiersSnapshot {
  venue: string
  /** UTC date the tiers were fetched, YYYY-MM-DD; the UI shows it beside offline numbers. */
  snapshotDate: string
  source: string
  /** Where the markets' `lot` rows come from (and dated), or why there are none. */
  lotSizeNote: string
  tierColumns: string[]
  markets: Record<string, SnapshotMarket>
}

export interface MarketTiers {
  symbol: string
  settle: string
  contractSize: number
  tiers: MarginTier[]
  lot: MarketLot | null
}

export interface ParsedTiersSnapshot {
  venue: string
  snapshotDate: string
  source: string
  lotSizeNote: string
  markets: Map<string, MarketTiers>
}

/** Checks and expands a snapshot read from disk; throws naming the market and tier at fault. */
export function parseTiersSnapshot(data: unknown, where: string): ParsedTiersSnapshot {
  if (typeof data !== 'object' || data === null) throw new Error(`${where}: not a JSON object`)
  const d = data as Partial<TiersSnapshot>
  for (const key of ['venue', 'snapshotDate', 'source', 'lotSizeNote'] as const) {
    if (typeof d[key] !== 'string') throw new Error(`${where}: "${key}" must be a string`)
  }
  if (JSON.stringify(d.tierColumns) !== JSON.stringify(TIER_COLUMNS))
    throw new Error(`${where}: "tierColumns" must be ${JSON.stringify(TIER_COLUMNS)}`)
  if (typeof d.markets !== 'object' || d.markets === null)
    throw new Error(`${where}: "markets" must be an object`)
  const markets = new Map<string, MarketTiers>()
  for (const [symbol, m] of Object.entries(d.markets)) {
    const at = `${where}: markets["${symbol}"]`
    if (typeof m?.settle !== 'string' || !(m.contractSize > 0) || !Array.isArray(m.tiers))
      throw new Error(`${at}: needs settle, contractSize > 0 and tiers`)
    const tiers = m.tiers.map((row, i): MarginTier => {
      if (
        !Array.isArray(row) ||
        row.length !== TIER_COLUMNS.length ||
        !row.every((v) => v === null || Number.isFinite(v))
      )
        throw new Error(`${at}.tiers[${i}]: expected ${TIER_COLUMNS.length} numbers`)
      const [minNotional, maxNotional, maintenanceMarginRate, maxLeverage, maintenanceAmount] = row
      return { tier: i + 1, minNotional, maxNotional, maintenanceMarginRate, maintenanceAmount, maxLeverage }
    })
    const problems = tierTableProblems(tiers)
    if (problems.length > 0) throw new Error(`${at}: ${problems.join('; ')}`)
    const lotProblem = m.lot === undefined ? null : lotRowProblem(m.lot)
    if (lotProblem) throw new Error(`${at}: ${lotProblem}`)
    const lot = m.lot === undefined ? null : lotFromRow(m.lot)
    markets.set(symbol, { symbol, settle: m.settle, contractSize: m.contractSize, tiers, lot })
  }
  return {
    venue: d.venue as string,
    snapshotDate: d.snapshotDate as string,
    source: d.source as string,
    lotSizeNote: d.lotSizeNote as string,
    markets,
  }
}
