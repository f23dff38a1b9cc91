import type { MarketEventType, MarketKey, VenueId } from '../../../shared/market-event'

/** Where a session's events came from, so nobody mistakes a sample or an import for live data. */
export interface SessionSource {
  kind: 'recording' | 'import' | 'sample'
  /** Importer format name (`binance-ws`, `tardis`, ...) or `live` for recordings. */
  format: string
  /** Input files (base names) with their sizes, for provenance. */
  files: { name: string; bytes: number }[]
}

/** Stored in meta frames; the last meta frame of a file wins field by field. */
export interface SessionMetadata {
  formatVersion: number
  /** Shown to the user, e.g. "Recorded sample — Binance, 2023-04-05". */
  label: string
  source: SessionSource
  /** Who published the underlying data and under which terms. */
  provenance: string
  importer: { name: string; version: string } | null
  createdAtMs: number
  venues: VenueId[]
  markets: MarketKey[]
  /** Exchange-time span of the events, ms; null while no event has been written. */
  startTsMs: number | null
  endTsMs: number | null
  eventCount: number
  eventCounts: Partial<Record<MarketEventType, number>>
  /** Plain sentences about known defects of the data (copied columns, empty spans, seeded books). */
  dataQuality: string[]
}

export type SessionMetadataInit = Pick<SessionMetadata, 'label' | 'source' | 'provenance' | 'importer'> &
  Partial<Pick<SessionMetadata, 'dataQuality' | 'createdAtMs'>>

/** Problems the reader met: damaged bytes skipped, malformed events dropped, a cut-short recording. */
export interface DamageEntry {
  kind: 'bad-frame' | 'garbage' | 'bad-events' | 'truncated-tail'
  /** Byte range of the file that was skipped. */
  fromByte: number
  toByte: number
  /** Events known to be lost (from the frame header) or dropped; null when unknowable (garbage). */
  eventsLost: number | null
  /** Exchange-time window the loss falls in, ms; null ends when unknown. */
  fromTsMs: number | null
  toTsMs: number | null
  message: string
}

/** Metadata of a new session before any event: empty markets, span and counts. */
export function initialMetadata(init: SessionMetadataInit, formatVersion: number): SessionMetadata {
  return {
    formatVersion,
    label: init.label,
    source: init.source,
    provenance: init.provenance,
    importer: init.importer,
    createdAtMs: init.createdAtMs ?? Date.now(),
    venues: [],
    markets: [],
    startTsMs: null,
    endTsMs: null,
    eventCount: 0,
    eventCounts: {},
    dataQuality: [...(init.dataQuality ?? [])],
  }
}
