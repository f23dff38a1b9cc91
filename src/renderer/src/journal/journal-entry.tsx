import { useState } from 'react'
import type { JournalEntry } from '../../../shared/contract/journal'
import { fmtTime } from '../format'
import { SnapshotView } from './snapshot-view'

interface Props {
  entry: JournalEntry
  busy: boolean
  onReopen: (entry: JournalEntry) => void
}

const SOURCE_TEXT: Record<JournalEntry['source']['kind'], string> = {
  live: 'LIVE',
  replay: 'REPLAY',
  sample: 'SAMPLE',
  none: 'NO DATA',
}

export function JournalEntryCard({ entry: e, busy, onReopen }: Props) {
  const [expanded, setExpanded] = useState(false)
  const canReopen = e.source.sessionPath !== null && e.marketTsMs !== null
  return (
    <article className="journal-entry" data-testid="journal-entry" aria-label={`${e.decision} ${e.key}`}>
      <div className="je-head">
        <span className={`decision decision-${e.decision}`}>{e.decision.toUpperCase()}</span>
        <strong>{e.key}</strong>
        <span className="mono" title="Market time of the decision">
          {fmtTime(e.marketTsMs)}
        </span>
        <span className={`badge badge-src-${e.source.kind}`} title={e.source.label}>
          {SOURCE_TEXT[e.source.kind]}
        </span>
        <span className="muted je-source">{e.source.label}</span>
        <div className="toolbar-spacer" />
        <span className="muted mono" title="When it was logged (wall clock)">
          logged {fmtTime(e.createdAtMs)}
        </span>
        {canReopen && (
          <button
            type="button"
            disabled={busy}
            onClick={() => onReopen(e)}
            title="Open the session at this entry's market time"
          >
            Reopen at this time
          </button>
        )}
        <button type="button" aria-expanded={expanded} onClick={() => setExpanded((v) => !v)}>
          {expanded ? 'Hide snapshot' : 'Show snapshot'}
        </button>
      </div>
      {e.note && <p className="je-note">{e.note}</p>}
      {!expanded && e.snapshot && (
        <div className="je-summary muted">
          stress {e.snapshot.stress === null ? 'n/a' : e.snapshot.stress.toFixed(1)}
          {e.snapshot.tags.length > 0 && ` · ${e.snapshot.tags.join(', ')}`}
          {e.snapshot.contradictions.length > 0 && ` · ${e.snapshot.contradictions.length} contradiction(s)`}
        </div>
      )}
      {expanded && <SnapshotView snapshot={e.snapshot} />}
    </article>
  )
}
