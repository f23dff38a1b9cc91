import { ImportRefused } from './types'

/**
 * The generic bars schema (docs/import-formats.md): one row per bar, the bar's open time first. Each field
 * has the column names exports commonly use (CoinGlass-, Coinalyze-, Velo-style and the btc-derivatives
 * layout); `--columns field=column,...` maps any other name. Names match case-insensitively.
 */
export const BAR_FIELDS = {
  time: ['timestamp', 'time', 'ts', 'open_time', 'opentime', 't', 'datetime_utc', 'datetime', 'date'],
  open: ['price_open', 'open', 'o'],
  high: ['price_high', 'high', 'h'],
  low: ['price_low', 'low', 'l'],
  close: ['price_close', 'close', 'c'],
  volumeBase: ['volume', 'volume_base', 'v'],
  volumeUsd: ['volume_usd', 'quote_volume', 'quote_asset_volume'],
  oiUsd: ['oi_close', 'oi_usd', 'open_interest_usd', 'oi_value'],
  oiContracts: ['oi_contracts', 'open_interest_contracts'],
  oiBase: ['oi_base', 'open_interest_base'],
  funding: ['funding_close', 'funding_rate', 'funding', 'fundingrate'],
  liqLongUsd: [
    'liquidation_long_usd',
    'long_liquidation_usd',
    'longusd',
    'liq_long_usd',
    'long_liquidations',
  ],
  liqShortUsd: [
    'liquidation_short_usd',
    'short_liquidation_usd',
    'shortusd',
    'liq_short_usd',
    'short_liquidations',
  ],
  takerBuyBase: ['taker_buy_volume', 'buy_volume', 'taker_buy_base'],
  takerSellBase: ['taker_sell_volume', 'sell_volume', 'taker_sell_base'],
} as const

export type BarField = keyof typeof BAR_FIELDS
export type BarColumns = Partial<Record<BarField, number>>

const FIELD_NAMES = Object.keys(BAR_FIELDS) as BarField[]

/** `close=c,liqLongUsd=long_liq` -> field to column name; names the bad pair when one does not parse. */
export function parseColumnMapping(text: string | undefined): Partial<Record<BarField, string>> {
  const out: Partial<Record<BarField, string>> = {}
  if (!text) return out
  for (const pair of text.split(',')) {
    const [field, column] = pair.split('=').map((s) => s.trim()) as [string, string | undefined]
    if (!FIELD_NAMES.includes(field as BarField) || !column) {
      throw new ImportRefused(
        `--columns: "${pair}" is not field=column with a field among ${FIELD_NAMES.join(', ')}`,
      )
    }
    out[field as BarField] = column
  }
  return out
}

/** Column index per field for a header row; a mapped column that is absent is refused by name. */
export function resolveColumns(
  header: readonly string[],
  mapping: Partial<Record<BarField, string>>,
  file: string,
): BarColumns {
  const lower = header.map((h) => h.trim().toLowerCase())
  const cols: BarColumns = {}
  for (const field of FIELD_NAMES) {
    const mapped = mapping[field]
    if (mapped !== undefined) {
      const i = lower.indexOf(mapped.toLowerCase())
      if (i < 0)
        throw new ImportRefused(`${file}: --columns names "${mapped}" for ${field}, not in the header`)
      cols[field] = i
      continue
    }
    // Aliases in order of preference: `timestamp` wins over `datetime_utc` wherever each sits.
    for (const alias of BAR_FIELDS[field]) {
      const i = lower.indexOf(alias)
      if (i >= 0) {
        cols[field] = i
        break
      }
    }
  }
  if (cols.time === undefined) {
    throw new ImportRefused(
      `${file}:1: no time column (looked for ${BAR_FIELDS.time.join(', ')}; map one with --columns time=<name>)`,
    )
  }
  const valueFields = FIELD_NAMES.filter((f) => f !== 'time' && cols[f] !== undefined)
  if (valueFields.length === 0) {
    throw new ImportRefused(
      `${file}:1: no bar column recognised (OHLC, volume, OI, funding, liquidations or taker volume; see docs/import-formats.md)`,
    )
  }
  return cols
}

/**
 * The btc-derivatives export layout (CoinGlass history and Binance REST joined per bar): its header says
 * which fields exist but not their units, which depend on the bar size the source wrote (see `layoutUnits`).
 */
export const DERIVATIVES_EXPORT_HEADER =
  'timestamp,datetime_utc,price_open,price_high,price_low,price_close,liquidation_long_usd,liquidation_short_usd,liquidation_total_usd,funding_open,funding_high,funding_low,funding_close,oi_open,oi_high,oi_low,oi_close,oi_weight_open,oi_weight_high,oi_weight_low,oi_weight_close,cvd_open,cvd_high,cvd_low,cvd_close'

/** The same source's liquidation-only history (three-venue totals per 30 minutes). */
export const LIQUIDATIONS_EXPORT_HEADER = 'timestamp,datetime_utc,longusd,shortusd,totalusd'

export type KnownLayout = 'derivatives-export' | 'liquidations-export' | null

export function knownLayout(header: string): KnownLayout {
  const h = header.trim().toLowerCase()
  if (h === DERIVATIVES_EXPORT_HEADER) return 'derivatives-export'
  if (h === LIQUIDATIONS_EXPORT_HEADER) return 'liquidations-export'
  return null
}
