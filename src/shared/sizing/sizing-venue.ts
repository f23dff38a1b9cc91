import type { SizingVenue } from './liquidation-for-leverage'
import type { SizingMarket, SizingMarketLookup, TiersSource } from './size-answer'
import type { FieldError } from './size-request'
import type { MarginTier } from './tiers'
import { flatTier } from './tiers'
import type { MarketLot } from './market-lot'

/** Regular-account taker fees as the venues publish them (Binance USDⓈ-M 0.05 %, Bybit perpetuals 0.055 %). */
export const DEFAULT_TAKER_FEE: Record<SizingVenue, { rate: number; source: string }> = {
  binanceusdm: { rate: 0.0005, source: 'Binance USDⓈ-M regular-user taker fee 0.05 % assumed' },
  bybit: { rate: 0.00055, source: 'Bybit non-VIP perpetual taker fee 0.055 % assumed' },
}

export const DEFAULT_LIQUIDATION_BUFFER_PERCENT = 1

/** Venue names in messages a trader reads. */
export const VENUE_NAMES: Record<SizingVenue, string> = {
  binanceusdm: 'Binance USDⓈ-M',
  bybit: 'Bybit',
}

/** The formula stated beside each liquidation price. */
export const FORMULAS: Record<SizingVenue, Record<'isolated' | 'cross', string>> = {
  binanceusdm: {
    isolated:
      'Binance USDⓈ-M, isolated: LP = (WB + cum − side·Q·EP) / (Q·MMR − side·Q), tier at the liquidation notional',
    cross:
      'Binance USDⓈ-M, cross: LP = (WB − TMM1 + UPNL1 + cum − side·Q·EP) / (Q·MMR − side·Q), tier at the liquidation notional',
  },
  bybit: {
    isolated: 'Bybit USDT contract, isolated: LP = EP ∓ (IM − MM) / Q, MM = Q·EP·MMR − mmDeduction at entry',
    cross:
      'Bybit unified account, cross (derived): margin balance = total maintenance margin at the liquidation price',
  },
}

export interface ResolvedMarket {
  tiers: MarginTier[]
  /** The market's own table (for leverage limits), even when the request overrides the rate. */
  marketTiers: MarginTier[] | null
  settle: string
  contractSize: number
  source: TiersSource
  lot: MarketLot | null
  lotSource: string | null
}

/** The tiers a request's market uses: the request's own rate, else the lookup's; an unknown market is an error. */
export function resolveMarket(
  lookup: SizingMarketLookup,
  venue: SizingVenue,
  symbol: string,
  override: { rate?: number; amount?: number },
  field: string,
  errors: FieldError[],
): ResolvedMarket | null {
  const market: SizingMarket | null = lookup(venue, symbol)
  if (override.rate !== undefined) {
    return {
      tiers: [flatTier(override.rate, override.amount ?? 0)],
      marketTiers: market?.tiers ?? null,
      settle: market?.settle ?? symbol.split(':')[1]?.split('-')[0] ?? 'USDT',
      // Linear USDT/USDC perpetuals on both venues count quantity in base units.
      contractSize: market?.contractSize ?? 1,
      lot: market?.lot ?? null,
      lotSource: market?.lotSource ?? null,
      source: {
        kind: 'request',
        date: null,
        description: 'maintenance margin rate and amount given in the request',
      },
    }
  }
  if (!market) {
    errors.push({
      field,
      message: `no maintenance-margin tiers for "${symbol}" on ${venue}; check the symbol or give maintenanceMarginRate/maintenanceAmount`,
    })
    return null
  }
  return {
    tiers: market.tiers,
    marketTiers: market.tiers,
    settle: market.settle,
    contractSize: market.contractSize,
    source: market.source,
    lot: market.lot,
    lotSource: market.lotSource,
  }
}
