import { impliedMaintenanceAmount } from './tiers'
import { tiersFromCcxt } from './tiers-ccxt'
import type { TiersSnapshot } from './tiers-snapshot'
import { TIER_COLUMNS } from './tiers-snapshot'
import type { MarketLot } from './market-lot'
import { lotToRow } from './market-lot'

export interface SnapshotMeta {
  venue: string
  /** UTC date of the fetch, YYYY-MM-DD. */
  snapshotDate: string
  source: string
  lotSizeNote: string
  /**
   * Require the venue's own maintenance amount on every tier and check it against the continuity rule
   * (the bundled Binance snapshot); otherwise an absent amount is derived from continuity.
   */
  strictAmounts: boolean
  /** Lots by unified symbol (from exchangeInfo or ccxt's markets); markets without one carry none. */
  lots?: Record<string, MarketLot>
}

/** Said of the markets a lot source does not list. */
export const LOT_SIZE_ABSENT =
  'Markets without a lot here are not rounded: give lotSize in the request, or the quantity is reported unrounded with a warning.'

export const NO_LOT_SIZE_NOTE =
  'The source carries no lot size (stepSize) or tick size. They are not guessed: give lotSize in the request ' +
  'to round the quantity; without it the quantity is reported unrounded with a warning.'

/**
 * A snapshot from ccxt `fetchLeverageTiers` output (symbol -> tiers). Only linear markets are kept (the
 * settle currency is the quote currency), where one contract is one base unit; others are listed in
 * `skipped`. Throws naming the market and tier on a malformed or inconsistent table.
 */
export function buildTiersSnapshot(
  source: Record<string, unknown>,
  meta: SnapshotMeta,
): { snapshot: TiersSnapshot; skipped: string[] } {
  const markets: TiersSnapshot['markets'] = {}
  const skipped: string[] = []
  for (const [symbol, entries] of Object.entries(source).sort(([a], [b]) => a.localeCompare(b))) {
    if (!Array.isArray(entries)) throw new Error(`${symbol}: expected an array of tiers`)
    const [pair, settlePart] = symbol.split(':')
    const quote = pair?.split('/')[1]
    const settle = settlePart?.split('-')[0]
    if (!settle || settle !== quote) {
      skipped.push(symbol)
      continue
    }
    const { tiers, derivedAmounts } = tiersFromCcxt(entries, symbol)
    if (meta.strictAmounts) {
      if (derivedAmounts) throw new Error(`${symbol}: a tier lacks its maintenance amount (info.cum)`)
      tiers.forEach((t, i) => {
        const implied = impliedMaintenanceAmount(tiers[i - 1], t.minNotional, t.maintenanceMarginRate)
        if (Math.abs(implied - t.maintenanceAmount) > 1e-6 * Math.max(1, t.maintenanceAmount))
          throw new Error(
            `${symbol} tier ${t.tier}: maintenance amount ${t.maintenanceAmount} disagrees with continuity (${implied})`,
          )
      })
    }
    const currency = (entries[0] as { currency?: unknown } | undefined)?.currency
    if (typeof currency === 'string' && currency !== settle)
      throw new Error(`${symbol}: tier currency ${currency} is not the settle currency ${settle}`)
    const lot = meta.lots?.[symbol]
    markets[symbol] = {
      settle,
      contractSize: 1,
      tiers: tiers.map((t) => [
        t.minNotional,
        t.maxNotional,
        t.maintenanceMarginRate,
        t.maxLeverage,
        t.maintenanceAmount,
      ]),
      ...(lot ? { lot: lotToRow(lot) } : {}),
    }
  }
  const { strictAmounts: _strict, lots: _lots, ...header } = meta
  return { snapshot: { ...header, tierColumns: [...TIER_COLUMNS], markets }, skipped }
}

/** JSON text with one market per line, so a refreshed snapshot diffs readably. */
export function serializeTiersSnapshot(snapshot: TiersSnapshot): string {
  const lines = Object.entries(snapshot.markets).map(
    ([s, m]) => `    ${JSON.stringify(s)}: ${JSON.stringify(m)}`,
  )
  const { markets: _markets, ...header } = snapshot
  const headerJson = JSON.stringify(header, null, 2).replace(/\n}$/, '')
  return `${headerJson},\n  "markets": {\n${lines.join(',\n')}\n  }\n}\n`
}
