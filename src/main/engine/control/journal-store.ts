import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import type { JournalEntry } from '../../../shared/contract/journal'
import type { Logger } from '../logging/logger'

/** The decision journal: one JSON object per line, append-only, so a crash never loses older entries. */
export class JournalStore {
  constructor(
    readonly path: string,
    private readonly logger: Logger,
  ) {}

  add(entry: Omit<JournalEntry, 'id' | 'createdAtMs'>, nowMs = Date.now()): JournalEntry {
    const full: JournalEntry = { id: randomUUID(), createdAtMs: nowMs, ...entry }
    appendFileSync(this.path, `${JSON.stringify(full)}\n`)
    return full
  }

  /** All readable entries, newest first; a damaged line is skipped and logged, never fatal. */
  list(filter: { key?: string; text?: string } = {}): JournalEntry[] {
    if (!existsSync(this.path)) return []
    const out: JournalEntry[] = []
    readFileSync(this.path, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return
        try {
          const e = JSON.parse(line) as JournalEntry
          if (typeof e.id === 'string' && typeof e.key === 'string') out.push(e)
          else throw new Error('missing id or key')
        } catch (err) {
          this.logger.once(`journal-line-${i}`, 'warn', `journal line ${i + 1} is damaged and was skipped`, {
            error: err instanceof Error ? err.message : String(err),
          })
        }
      })
    const text = filter.text?.toLowerCase()
    return out
      .filter((e) => !filter.key || e.key === filter.key)
      .filter((e) => !text || e.note.toLowerCase().includes(text) || e.key.toLowerCase().includes(text))
      .reverse()
  }
}

const CSV_COLUMNS = [
  'created_utc',
  'market_time_utc',
  'market',
  'decision',
  'note',
  'source',
  'stress',
  'tags',
  'contradictions',
]

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString())

/** CSV with the decision and the headline of its snapshot; the full snapshot stays in the journal file. */
export function journalToCsv(entries: readonly JournalEntry[]): string {
  const rows = entries.map((e) =>
    [
      iso(e.createdAtMs),
      iso(e.marketTsMs),
      e.key,
      e.decision,
      e.note,
      `${e.source.kind}: ${e.source.label}`,
      e.snapshot?.stress === null || e.snapshot?.stress === undefined ? '' : e.snapshot.stress.toFixed(1),
      (e.snapshot?.tags ?? []).join('; '),
      (e.snapshot?.contradictions ?? []).join(' | '),
    ]
      .map((c) => csvCell(String(c)))
      .join(','),
  )
  return [CSV_COLUMNS.join(','), ...rows].join('\n') + '\n'
}
