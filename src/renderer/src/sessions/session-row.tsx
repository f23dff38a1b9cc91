import { useState } from 'react'
import type { SessionSummary } from '../../../shared/contract/sessions'
import { fmtBytes, fmtDuration, fmtSpan } from '../format'
import { isWarningNote, kindBadge } from './session-format'
import { SessionContents } from './session-contents'

interface Props {
  session: SessionSummary
  isOpen: boolean
  busy: boolean
  onOpen: () => void
  onClose: () => void
  onDelete: () => void
}

/** One session: what it holds, where it came from, and every note that bears on trusting it. */
export function SessionRow({ session: s, isOpen, busy, onOpen, onClose, onDelete }: Props) {
  const badge = kindBadge(s.kind)
  const spanMs = s.startTsMs !== null && s.endTsMs !== null ? s.endTsMs - s.startTsMs : null
  const warnings = s.notes.filter(isWarningNote).length
  return (
    <article
      className={isOpen ? 'session-row open' : 'session-row'}
      aria-label={s.label}
      data-testid="session-row"
      data-path={s.path}
    >
      <div className="session-main">
        <div className="session-title">
          <span className={badge.className}>{badge.text}</span>
          <span className="session-label">{s.label}</span>
          {isOpen && <span className="badge badge-open">OPEN</span>}
          {warnings > 0 && (
            <span className="badge badge-warn" title="See the notes below">
              {warnings} WARNING{warnings > 1 ? 'S' : ''}
            </span>
          )}
        </div>
        <div className="session-meta">
          <span title="Time span of the recorded events">{fmtSpan(s.startTsMs, s.endTsMs)}</span>
          <span className="muted">({fmtDuration(spanMs)})</span>
          <span title="Events in the session">{s.eventCount.toLocaleString('en-US')} events</span>
          <span title="Size on disk">{fmtBytes(s.bytes)}</span>
        </div>
        <SessionContents counts={s.eventCounts} />
        <div className="session-markets">
          {s.markets.length === 0 ? (
            <span className="muted">no markets</span>
          ) : (
            s.markets.map((m) => (
              <span key={m} className="chip chip-market">
                {m}
              </span>
            ))
          )}
        </div>
        <div className="session-provenance muted" title={s.path}>
          {s.provenance}
        </div>
        <NoteList notes={s.notes} />
      </div>
      <div className="session-actions">
        {isOpen ? (
          <button type="button" onClick={onClose} disabled={busy}>
            Close
          </button>
        ) : (
          <button
            type="button"
            className="btn-primary"
            onClick={onOpen}
            disabled={busy}
            aria-label={`Open ${s.label}`}
          >
            Open
          </button>
        )}
        <button
          type="button"
          className="btn-ghost-danger"
          onClick={onDelete}
          disabled={!s.deletable || busy}
          aria-label={`Delete ${s.label}`}
          title={s.deletable ? 'Delete this session file' : 'Bundled samples cannot be deleted'}
        >
          Delete
        </button>
      </div>
    </article>
  )
}

const NOTES_SHOWN = 3

/** Notes, warnings first; a long list folds after a few so the session list stays scannable. */
export function NoteList({ notes, testId }: { notes: string[]; testId?: string }) {
  const [all, setAll] = useState(false)
  if (notes.length === 0) return null
  const ordered = [...notes.filter(isWarningNote), ...notes.filter((n) => !isWarningNote(n))]
  const shown = all ? ordered : ordered.slice(0, NOTES_SHOWN)
  return (
    <ul className="notes" aria-label="Notes" data-testid={testId}>
      {shown.map((n, i) => (
        <li key={i} className={isWarningNote(n) ? 'note-warning' : 'note-info'}>
          {n}
        </li>
      ))}
      {ordered.length > NOTES_SHOWN && (
        <li className="note-more">
          <button type="button" className="link-button" onClick={() => setAll((v) => !v)} aria-expanded={all}>
            {all ? 'Show fewer notes' : `Show all ${ordered.length} notes`}
          </button>
        </li>
      )}
    </ul>
  )
}
