import { useCallback, useMemo, useState } from 'react'
import type { SessionSummary } from '../../../shared/contract/sessions'
import type { ScreenProps } from '../screen-props'
import { ConfirmDialog } from './confirm-dialog'
import { ImportPanel } from './import-panel'
import { RecordButton } from './record-button'
import { SessionRow } from './session-row'
import { fmtBytes, fmtSpan } from '../format'
import { useAction, useLoad } from './use-load'
import '../workflow.css'

// The user's own sessions first (newest first), the bundled samples after them.
const KIND_ORDER: Record<SessionSummary['kind'], number> = { recording: 0, import: 0, sample: 1 }

/** Recorded, imported and bundled sample sessions: open (replay), record, import, delete. */
export function SessionsScreen({ api, engine, navigate }: ScreenProps) {
  const sessions = useLoad(() => api.listSessions(), [api])
  const action = useAction()
  const [showImport, setShowImport] = useState(false)
  const [toDelete, setToDelete] = useState<SessionSummary | null>(null)
  const reload = sessions.reload
  const onImported = useCallback(() => reload(), [reload])
  const list = useMemo(
    () =>
      [...(sessions.data ?? [])].sort(
        (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (b.startTsMs ?? 0) - (a.startTsMs ?? 0),
      ),
    [sessions.data],
  )
  const openPath = engine.replay?.path ?? null
  const open = async (s: SessionSummary): Promise<void> => {
    const pos = await action.run(() => api.openSession({ path: s.path }))
    if (pos) navigate('radar')
  }
  const remove = async (s: SessionSummary): Promise<void> => {
    const done = await action.run(() => api.deleteSession({ path: s.path }))
    setToDelete(null)
    if (done) reload()
  }
  return (
    <div className="screen-scroll workflow-screen" aria-label="Sessions">
      <div className="screen-toolbar">
        <h2>Sessions</h2>
        <span className="muted">{sessions.data ? `${sessions.data.length} sessions` : ''}</span>
        <div className="toolbar-spacer" />
        <RecordButton api={api} recording={engine.recording} onStopped={reload} />
        <button
          type="button"
          aria-expanded={showImport}
          className={showImport ? 'active' : ''}
          onClick={() => setShowImport((v) => !v)}
        >
          Import…
        </button>
        <button type="button" onClick={reload} aria-label="Refresh sessions" title="Refresh the list">
          ↻
        </button>
      </div>
      {showImport && <ImportPanel api={api} onFinished={onImported} />}
      {sessions.error && (
        <p className="notice notice-error" role="alert">
          Could not list sessions: {sessions.error}. The engine may not offer sessions yet; try Refresh.
        </p>
      )}
      {action.error && (
        <p className="notice notice-error" role="alert">
          {action.error}
        </p>
      )}
      {engine.replay && (
        <p className="open-line">
          Replaying <strong>{engine.status?.source.label ?? engine.replay.path}</strong> ·{' '}
          {fmtSpan(engine.replay.startTsMs, engine.replay.endTsMs)}
        </p>
      )}
      {sessions.loading && !sessions.data && <p className="muted">Loading sessions…</p>}
      {sessions.data && list.length === 0 && (
        <div className="empty-state">
          <p>No sessions yet. Record the live feed, or import a file from the data you have.</p>
        </div>
      )}
      <div className="session-list" role="list">
        {list.map((s) => (
          <div role="listitem" key={s.path}>
            <SessionRow
              session={s}
              isOpen={openPath === s.path}
              busy={action.busy}
              onOpen={() => void open(s)}
              onClose={() => void action.run(() => api.closeSession())}
              onDelete={() => setToDelete(s)}
            />
          </div>
        ))}
      </div>
      {toDelete && (
        <ConfirmDialog
          title="Delete session"
          confirmText="Delete"
          busy={action.busy}
          onCancel={() => setToDelete(null)}
          onConfirm={() => void remove(toDelete)}
        >
          <p>
            Delete <strong>{toDelete.label}</strong> ({fmtBytes(toDelete.bytes)},{' '}
            {toDelete.eventCount.toLocaleString('en-US')} events)? The file is removed from disk:
          </p>
          <p className="mono">{toDelete.path}</p>
        </ConfirmDialog>
      )}
    </div>
  )
}
