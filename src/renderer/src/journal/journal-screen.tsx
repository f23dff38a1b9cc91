import { useEffect, useMemo, useState } from 'react'
import type { JournalEntry } from '../../../shared/contract/journal'
import type { ScreenProps } from '../screen-props'
import { useAction, useLoad } from '../sessions/use-load'
import { downloadText } from './download'
import { JournalEntryCard } from './journal-entry'
import { LogForm } from './log-form'
import '../workflow.css'

/** Decisions with the signal snapshot they were made on; filter, reopen in the session, export CSV. */
export function JournalScreen({ api, engine, selectedKey, navigate }: ScreenProps) {
  const [marketFilter, setMarketFilter] = useState('')
  const [textInput, setTextInput] = useState('')
  const [text, setText] = useState('')
  // Filter as the user types, but ask the engine once the typing pauses.
  useEffect(() => {
    const t = setTimeout(() => setText(textInput.trim()), 250)
    return () => clearTimeout(t)
  }, [textInput])
  const entries = useLoad(
    () =>
      api.listJournal({
        ...(marketFilter ? { key: marketFilter } : {}),
        ...(text ? { text } : {}),
      }),
    [api, marketFilter, text],
  )
  const action = useAction()
  const markets = useMemo(() => {
    const set = new Set<string>([...engine.snapshots.keys(), ...(engine.settings?.settings.watchlist ?? [])])
    return [...set].sort((a, b) => a.localeCompare(b))
  }, [engine.snapshots, engine.settings])
  const list = useMemo(
    () => [...(entries.data ?? [])].sort((a, b) => b.createdAtMs - a.createdAtMs),
    [entries.data],
  )

  const log = async (req: {
    key: string
    decision: JournalEntry['decision']
    note: string
  }): Promise<boolean> => {
    const added = await action.run(() => api.addJournalEntry(req))
    if (added) entries.reload()
    return added !== undefined
  }
  const reopen = async (e: JournalEntry): Promise<void> => {
    if (!e.source.sessionPath || e.marketTsMs === null) return
    const path = e.source.sessionPath
    const tsMs = e.marketTsMs
    const done = await action.run(async () => {
      if (engine.replay?.path !== path) await api.openSession({ path })
      return api.replayControl({ action: 'seek', tsMs })
    })
    if (done) navigate('market', e.key)
  }
  const exportCsv = async (): Promise<void> => {
    const res = await action.run(() => api.exportJournalCsv())
    if (res) downloadText(res.fileName, res.csv)
  }
  return (
    <div className="screen-scroll workflow-screen" aria-label="Journal">
      <div className="screen-toolbar">
        <h2>Journal</h2>
        <span className="muted">
          {entries.data ? `${list.length} ${list.length === 1 ? 'entry' : 'entries'}` : ''}
        </span>
        <div className="toolbar-spacer" />
        <button type="button" onClick={() => void exportCsv()} disabled={action.busy}>
          Export CSV
        </button>
      </div>
      {action.error && (
        <p className="notice notice-error" role="alert">
          {action.error}
        </p>
      )}
      <LogForm markets={markets} defaultKey={selectedKey} busy={action.busy} onLog={log} />
      <div className="filter-bar" role="search" aria-label="Journal filters">
        <label>
          <span className="muted">Market</span>
          <select
            aria-label="Filter by market"
            value={marketFilter}
            onChange={(e) => setMarketFilter(e.target.value)}
          >
            <option value="">All markets</option>
            {markets.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-text">
          <span className="muted">Text</span>
          <input
            aria-label="Search notes"
            type="search"
            placeholder="Search notes and tags"
            value={textInput}
            onChange={(e) => setTextInput(e.target.value)}
          />
        </label>
      </div>
      {entries.error && (
        <p className="notice notice-error" role="alert">
          Could not load the journal: {entries.error}
        </p>
      )}
      {entries.data && list.length === 0 && (
        <div className="empty-state">
          {marketFilter || text
            ? 'No entry matches these filters.'
            : 'No entries yet. Log a decision above: the market’s full signal snapshot is saved with it.'}
        </div>
      )}
      <div className="journal-list">
        {list.map((e) => (
          <JournalEntryCard key={e.id} entry={e} busy={action.busy} onReopen={(x) => void reopen(x)} />
        ))}
      </div>
    </div>
  )
}
