import type { MarketEvent, VenueId } from '../../../../shared/market-event'
import type { EventSpill } from './event-spill'

export interface ImportProgress {
  /** Input bytes processed so far and in total (compressed sizes, as on disk). */
  bytesDone: number
  bytesTotal: number
  file: string
  eventsSoFar: number
}

export interface ImportOptions {
  /** Overrides the venue an importer would infer from paths or content. */
  venue?: VenueId
  /** For sources stamped in local time (funding-csv): hours east of UTC, e.g. 3 for UTC+3. */
  tzOffsetHours?: number
  /** For funding-csv: the venue name as the source names it (binance, kucoin, gate, ...). */
  sourceVenue?: string
  /** bars: the unified ccxt symbol of the market the rows describe (`BTC/USDT:USDT`). */
  symbol?: string
  /** bars: how the funding column is written (0.01 % per period as `0.01` = percent, `0.0001` = fraction). */
  fundingUnit?: 'percent' | 'fraction'
  /** bars: the funding period the rates are per, in hours. */
  fundingIntervalHours?: number
  /** bars: `field=column,...` for exports whose column names the schema does not know. */
  columns?: string
  /** Book levels per side kept in BookEvents. */
  bookDepth?: number
  onProgress?: (p: ImportProgress) => void
  signal?: AbortSignal
  /**
   * Where events go while importing, in sorted runs on disk (set by the session import): the importer's
   * result then holds no events, and memory stays bounded for any input size.
   */
  spill?: EventSpill
}

export interface BadRow {
  file: string
  line: number
  reason: string
}

/** What an importer hands to the session writer; the runner sorts the events by exchange time. */
export interface ImportResult {
  events: MarketEvent[]
  /** Sentences kept in the session metadata (copied columns, seeded books, assumed intervals). */
  dataQuality: string[]
  badRowCount: number
  /** The first few bad rows, with file, line and why. */
  badRows: BadRow[]
  /** Named counts for the import summary, e.g. `duplicateRowsMerged`. */
  stats: Record<string, number>
  /** Who published the data, for provenance; importers state what they know. */
  provenance: string
}

export interface Importer {
  format: string
  summary: string
  run(paths: readonly string[], opts: ImportOptions): Promise<ImportResult>
}

/** Raised when the input cannot be imported as asked (wrong offset, unknown layout); message says why. */
export class ImportRefused extends Error {}
