import type { MarketEventType, MarketKey, VenueId } from '../../../shared/market-event'
import { VENUE_IDS } from '../../../shared/market-event'
import { isEventType } from './validate-event'

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
  /**
   * The spot venue a perp's basis pairs with, chosen at import (`--basis-spot-venue`); applied where the
   * session is scored while the user's basis setting is "auto". Absent in sessions imported without it.
   */
  basisSpotVenue?: VenueId
}

export type SessionMetadataInit = Pick<SessionMetadata, 'label' | 'source' | 'provenance' | 'importer'> &
  Partial<Pick<SessionMetadata, 'dataQuality' | 'createdAtMs' | 'basisSpotVenue'>>

/** Problems the reader met: damaged bytes skipped, malformed events dropped, a cut-short recording. */
export interface DamageEntry {
  kind: 'bad-frame' | 'garbage' | 'bad-events' | 'truncated-tail' | 'duplicate-frames' | 'bad-metadata'
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
    ...(init.basisSpotVenue ? { basisSpotVenue: init.basisSpotVenue } : {}),
  }
}

const SOURCE_KINDS: readonly SessionSource['kind'][] = ['recording', 'import', 'sample']
/** Longest string kept from a metadata frame: labels and notes are shown in the UI, not documents. */
const MAX_META_STRING = 4000
const MAX_META_LIST = 10_000

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_META_STRING
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0
const isTsOrNull = (v: unknown): v is number | null =>
  v === null || (typeof v === 'number' && Number.isFinite(v))
const strList = (v: unknown, ok: (s: string) => boolean = () => true): v is string[] =>
  Array.isArray(v) && v.length <= MAX_META_LIST && v.every((s) => isStr(s) && ok(s))

/** Per field: whether a decoded value may be trusted. Fields that fail are dropped, never passed on. */
const META_CHECKS: { [K in keyof SessionMetadata]-?: (v: unknown) => boolean } = {
  formatVersion: (v) => Number.isSafeInteger(v) && (v as number) >= 1,
  label: isStr,
  source: (v) => {
    if (typeof v !== 'object' || v === null) return false
    const s = v as Record<string, unknown>
    return (
      SOURCE_KINDS.includes(s.kind as SessionSource['kind']) &&
      isStr(s.format) &&
      Array.isArray(s.files) &&
      s.files.length <= MAX_META_LIST &&
      s.files.every(
        (f: unknown) =>
          typeof f === 'object' &&
          f !== null &&
          isStr((f as Record<string, unknown>).name) &&
          isCount((f as Record<string, unknown>).bytes),
      )
    )
  },
  provenance: isStr,
  importer: (v) =>
    v === null ||
    (typeof v === 'object' &&
      isStr((v as Record<string, unknown>).name) &&
      isStr((v as Record<string, unknown>).version)),
  createdAtMs: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  venues: (v) => strList(v, (s) => (VENUE_IDS as readonly string[]).includes(s)),
  markets: (v) => strList(v, (s) => s.includes(':')),
  startTsMs: isTsOrNull,
  endTsMs: isTsOrNull,
  eventCount: isCount,
  eventCounts: (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isCount),
  dataQuality: (v) => strList(v),
  basisSpotVenue: (v) => typeof v === 'string' && (VENUE_IDS as readonly string[]).includes(v),
}

/**
 * Keeps the well-typed fields of a decoded metadata frame and names the others. Built field by field from
 * a fixed list, so a crafted `__proto__` or extra key never reaches the listing or the UI.
 */
export function validateMetadata(v: unknown): { fields: Partial<SessionMetadata>; problems: string[] } {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return { fields: {}, problems: ['the metadata is not an object'] }
  const o = v as Record<string, unknown>
  const fields: Record<string, unknown> = {}
  const problems: string[] = []
  for (const key of Object.keys(META_CHECKS) as (keyof SessionMetadata)[]) {
    if (!Object.hasOwn(o, key)) continue
    if (!META_CHECKS[key](o[key])) {
      problems.push(`${key} has the wrong type or is out of range`)
      continue
    }
    fields[key] = structuredClone(o[key])
    // Counts of types this app does not know are dropped (a key such as `__proto__` never becomes a type).
    if (key === 'eventCounts')
      fields[key] = Object.fromEntries(Object.entries(o[key] as object).filter(([k]) => isEventType(k)))
  }
  return { fields: fields as Partial<SessionMetadata>, problems }
}
