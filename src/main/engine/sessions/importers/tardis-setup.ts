import { basename } from 'node:path'
import { readLineStream } from './line-stream'
import { TARDIS_EXCHANGES, type TardisExchange } from './tardis-exchanges'
import { ImportRefused, type ImportOptions } from './types'

export const TARDIS_DATA_TYPES = [
  'incremental_book_L2',
  'book_snapshot_25',
  'book_snapshot_5',
  'derivative_ticker',
  'liquidations',
  'quotes',
  'trades',
] as const
export type TardisDataType = (typeof TARDIS_DATA_TYPES)[number]

export interface TardisFileSetup {
  path: string
  file: string
  type: TardisDataType
  header: string[]
  col: Map<string, number>
  exchangeId: string
  exchange: TardisExchange
}

/** File text shown in a message only when it looks like an identifier; anything else by its length. */
export function safeText(s: string): string {
  return isIdentifier(s) ? `"${s}"` : `(${s.length} characters)`
}

/** Exchange ids and symbols: letters, digits and a few separators, at most 40 characters. */
export function isIdentifier(s: string): boolean {
  return /^[A-Za-z0-9_\-/.:]{1,40}$/.test(s)
}

const REQUIRED: Record<TardisDataType, string[]> = {
  trades: ['price', 'amount', 'side'],
  liquidations: ['price', 'amount', 'side'],
  quotes: ['ask_price', 'ask_amount', 'bid_price', 'bid_amount'],
  derivative_ticker: [],
  book_snapshot_25: ['asks[0].price', 'bids[0].price'],
  book_snapshot_5: ['asks[0].price', 'bids[0].price'],
  incremental_book_L2: ['is_snapshot', 'side', 'price', 'amount'],
}

function dataTypeOf(file: string, header: string[]): TardisDataType {
  // Longest names first: book_snapshot_25 must not be read as book_snapshot_5.
  const named = [...TARDIS_DATA_TYPES].sort((a, b) => b.length - a.length).find((t) => file.includes(t))
  if (named) return named
  const h = new Set(header)
  if (h.has('is_snapshot')) return 'incremental_book_L2'
  if (h.has('asks[5].price')) return 'book_snapshot_25'
  if (h.has('asks[0].price')) return 'book_snapshot_5'
  if (h.has('funding_rate') || h.has('mark_price')) return 'derivative_ticker'
  if (h.has('ask_price') && h.has('bid_price')) return 'quotes'
  if (h.has('side') && h.has('price') && h.has('amount')) {
    throw new ImportRefused(
      `${file}: trades and liquidations share columns; keep "trades" or "liquidations" in the file name`,
    )
  }
  throw new ImportRefused(`${file}:1: not a Tardis CSV (${TARDIS_DATA_TYPES.join(', ')})`)
}

/**
 * Reads a file's header and first row and settles its data type and exchange, so every input is checked
 * (unknown exchange, a --venue the file contradicts, a symbol the exchange's grammar refuses) before any
 * file is imported.
 */
export async function setupTardisFile(path: string, opts: ImportOptions): Promise<TardisFileSetup> {
  const file = basename(path)
  const reader = await readLineStream(path)
  const head: string[] = []
  for await (const { text } of reader.lines) {
    head.push(text)
    if (head.length >= 2) break
  }
  await reader.lines.return(undefined)
  const header = (head[0] ?? '').split(',')
  if (!header.includes('exchange') || !header.includes('symbol') || !header.includes('timestamp'))
    throw new ImportRefused(`${file}:1: not a Tardis CSV (no exchange, symbol and timestamp columns)`)
  const type = dataTypeOf(file, header)
  const missing = REQUIRED[type].filter((c) => !header.includes(c))
  if (missing.length)
    throw new ImportRefused(`${file}:1: a ${type} file needs the columns ${missing.join(', ')}`)
  const col = new Map(header.map((h, i) => [h, i]))
  if (head.length < 2) throw new ImportRefused(`${file}: holds a header and no rows`)
  const first = head[1]!.split(',')
  const exchangeId = first[col.get('exchange')!] ?? ''
  const exchange = TARDIS_EXCHANGES[exchangeId]
  if (!exchange) {
    throw new ImportRefused(
      `${file}:2: exchange ${safeText(exchangeId)} is not one the radar maps (${Object.keys(TARDIS_EXCHANGES).join(', ')})`,
    )
  }
  if (opts.venue && opts.venue !== exchange.venue) {
    throw new ImportRefused(
      `${file}:2: --venue ${opts.venue} contradicts the file, whose exchange "${exchangeId}" is ${exchange.venue}`,
    )
  }
  const rawSymbol = first[col.get('symbol')!] ?? ''
  if (!isIdentifier(rawSymbol))
    throw new ImportRefused(`${file}:2: symbol ${safeText(rawSymbol)} is not a symbol`)
  const market = exchange.parse(rawSymbol)
  if (typeof market === 'string') throw new ImportRefused(`${file}:2: ${market}`)
  if ((type === 'derivative_ticker' || type === 'liquidations') && market.kind === 'spot')
    throw new ImportRefused(`${file}:2: ${type} of the spot market ${market.symbol}: Tardis publishes none`)
  return { path, file, type, header, col, exchangeId, exchange }
}
