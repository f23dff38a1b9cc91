import { z } from 'zod'
import type { MarketSnapshot } from '../scoring/snapshot'

export interface JournalEntry {
  id: string
  /** Wall time the decision was logged. */
  createdAtMs: number
  /** Market time of the decision: the session clock in replay, the newest event time live. */
  marketTsMs: number | null
  key: string
  note: string
  decision: 'long' | 'short' | 'no-trade' | 'reduce' | 'close' | 'note'
  source: { kind: 'live' | 'replay' | 'sample' | 'none'; label: string; sessionPath: string | null }
  /** The full signal snapshot at that moment. */
  snapshot: MarketSnapshot | null
}

export const journalRequests = {
  addJournalEntry: z
    .object({
      key: z.string().min(1).max(128),
      note: z.string().max(5000),
      decision: z.enum(['long', 'short', 'no-trade', 'reduce', 'close', 'note']),
    })
    .strict(),
  listJournal: z
    .object({ key: z.string().max(128).optional(), text: z.string().max(200).optional() })
    .strict()
    .optional(),
  exportJournalCsv: z.undefined(),
} as const
