import type { InvokeRequest } from '../../../shared/api'
import type { EngineServices } from '../services'
import { journalToCsv } from '../control/journal-store'

export function journalHandlers({ engine, journal, replay }: EngineServices) {
  return {
    addJournalEntry: async ({ key, note, decision }: InvokeRequest<'addJournalEntry'>) => {
      // The snapshot must cover every event the trader has seen; a restarting worker leaves the last one.
      await engine.settled().catch(() => undefined)
      const snapshots = engine.getSnapshots()
      const snapshot = snapshots.find((s) => s.key === key) ?? null
      const status = engine.status()
      // A decision is about a market the trader is looking at: one this session (or live run) scores.
      if (!snapshot)
        throw new Error(
          snapshots.length === 0
            ? `no market is scored yet in ${status.source.label}: open a session or go live first`
            : `"${key}" is not a market of ${status.source.label}; its markets are ${snapshots
                .map((s) => s.key)
                .sort()
                .join(', ')}`,
        )
      const position = replay.position()
      return journal.add({
        key,
        note,
        decision,
        snapshot,
        marketTsMs: position?.sessionTsMs ?? snapshot?.asOfMs ?? null,
        source: { kind: status.source.kind, label: status.source.label, sessionPath: replay.sessionPath },
      })
    },
    listJournal: (filter: InvokeRequest<'listJournal'>) => journal.list(filter ?? {}),
    exportJournalCsv: () => ({
      csv: journalToCsv(journal.list()),
      fileName: `leverage-radar-journal-${new Date().toISOString().slice(0, 10)}.csv`,
    }),
  }
}
