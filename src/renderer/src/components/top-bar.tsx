import type { EngineStatus } from '../../../shared/engine-status'
import { fmtAge } from '../format'

interface Props {
  status: EngineStatus | null
  connected: boolean
  onOpenSettings: () => void
}

const SOURCE_BADGE: Record<EngineStatus['source']['kind'], { text: string; className: string }> = {
  live: { text: 'LIVE', className: 'badge badge-live' },
  replay: { text: 'REPLAY', className: 'badge badge-replay' },
  sample: { text: 'SAMPLE', className: 'badge badge-sample' },
  none: { text: 'NO DATA', className: 'badge badge-none' },
}

/** " · backfill 40 %" while history is still loading (start and after a gap), nothing once done. */
function backfillText(tasks: EngineStatus['venues'][number]['backfill']): string {
  const open = (tasks ?? []).filter((t) => !t.done)
  if (open.length === 0) return ''
  const mean = open.reduce((a, t) => a + t.fraction, 0) / open.length
  return ` · backfill ${Math.round(mean * 100)} %`
}

export function TopBar({ status, connected, onOpenSettings }: Props) {
  const badge = SOURCE_BADGE[status?.source.kind ?? 'none']
  const worker = status?.worker
  return (
    <header className="top-bar" role="banner">
      <span className="brand">Leverage Radar</span>
      <span className={badge.className} data-testid="source-badge" title={status?.source.label}>
        {badge.text}
      </span>
      <span className="source-label" data-testid="source-label">
        {status?.source.label ?? 'Connecting to the engine…'}
      </span>
      <div className="venue-chips" aria-label="venue connections">
        {status?.venues.map((v) => (
          <span key={v.venue} className={`chip state-${v.state}`} title={v.message ?? v.state}>
            {v.venue} · {v.state}
            {backfillText(v.backfill)}
          </span>
        ))}
      </div>
      <span
        className={`chip worker-${worker?.state ?? 'starting'}`}
        data-testid="worker-state"
        title={
          worker?.lastRestartReason
            ? `Last restart: ${worker.lastRestartReason}`
            : 'The scoring worker computes every signal off the main thread'
        }
      >
        worker · {worker?.state ?? 'unknown'}
        {worker && worker.restarts > 0 ? ` · restarts ${worker.restarts}` : ''}
        {worker ? ` · ♥ ${fmtAge(worker.lastHeartbeatAgeMs)}` : ''}
      </span>
      <span
        className={`chip ${connected ? 'state-connected' : 'state-down'}`}
        data-testid="engine-connection"
      >
        engine · {connected ? 'connected' : 'disconnected'}
      </span>
      <button type="button" className="icon-button" onClick={onOpenSettings} aria-label="Open settings">
        ⚙ Settings
      </button>
    </header>
  )
}
