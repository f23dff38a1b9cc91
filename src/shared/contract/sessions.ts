import { z } from 'zod'
import type { MarketEventType, VenueId } from '../market-event'
import { VENUE_IDS } from '../market-event'

/** A session as the Sessions screen lists it. */
export interface SessionSummary {
  /** Absolute path on the machine running the engine; also the session's id. */
  path: string
  label: string
  kind: 'sample' | 'recording' | 'import'
  /** Bundled samples cannot be deleted. */
  deletable: boolean
  markets: string[]
  startTsMs: number | null
  endTsMs: number | null
  eventCount: number
  /** Events per type (trade, book, funding, openInterest, …) from the session's metadata; absent = unknown. */
  eventCounts?: Partial<Record<MarketEventType, number>>
  bytes: number
  provenance: string
  /** Cut short, damage, data-quality notes: everything a trader should know before trusting it. */
  notes: string[]
}

export type ReplaySpeed = 1 | 10 | 100 | 'max'

/** The replay clock, in the session's own time. */
export interface ReplayPosition {
  path: string
  state: 'idle' | 'playing' | 'paused' | 'ended'
  speed: ReplaySpeed
  /** End of the last emitted batch in session time; the session start before the first batch. */
  sessionTsMs: number | null
  startTsMs: number | null
  endTsMs: number | null
  eventsEmitted: number
  /** Bumped on every seek: scoring state built before a seek no longer matches the stream. */
  seekCount: number
}

export interface RecordingStatus {
  active: boolean
  path: string | null
  startedAtMs: number | null
  bytes: number
  events: number
}

export interface ImportProgress {
  jobId: string
  /** 0..1; null while the total is unknown. */
  fraction: number | null
  message: string
  state: 'running' | 'done' | 'failed' | 'cancelled'
  sessionPath: string | null
  /** Bad rows, schedule problems and other notes from the importer. */
  notes: string[]
}

export const IMPORT_FORMATS = [
  'binance-ws',
  'binance-vision',
  'tardis',
  'funding-csv',
  'binance-futures-data',
  'bars',
] as const

export const sessionRequests = {
  listSessions: z.undefined(),
  openSession: z.object({ path: z.string().min(1).max(4096), autoPlay: z.boolean().optional() }).strict(),
  closeSession: z.undefined(),
  replayControl: z.discriminatedUnion('action', [
    z.object({ action: z.enum(['play', 'pause', 'step']) }).strict(),
    z.object({ action: z.literal('seek'), tsMs: z.number().finite() }).strict(),
    z
      .object({
        action: z.literal('speed'),
        speed: z.union([z.literal(1), z.literal(10), z.literal(100), z.literal('max')]),
      })
      .strict(),
  ]),
  getReplayPosition: z.undefined(),
  deleteSession: z.object({ path: z.string().min(1).max(4096) }).strict(),
  startImport: z
    .object({
      format: z.enum(IMPORT_FORMATS),
      paths: z.array(z.string().min(1).max(4096)).min(1).max(500),
      name: z.string().min(1).max(120).optional(),
      venue: z.string().max(40).optional(),
      /** bars: the unified market the rows describe, when the file does not say. */
      symbol: z.string().min(1).max(60).optional(),
      tzOffsetHours: z.number().min(-14).max(14).optional(),
      /** The spot venue a perp's basis pairs with when the session is scored (while the setting is auto). */
      basisSpotVenue: z.enum(VENUE_IDS as [VenueId, ...VenueId[]]).optional(),
    })
    .strict(),
  cancelImport: z.object({ jobId: z.string().min(1).max(100) }).strict(),
  startRecording: z.undefined(),
  stopRecording: z.undefined(),
} as const
