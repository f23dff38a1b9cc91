import type { EngineStatus } from '../../../shared/engine-status'
import { fmtAge } from '../format'

interface Props {
  status: EngineStatus | null
}

export function StatusBar({ status }: Props) {
  const w = status?.worker
  return (
    <footer className="status-bar" role="contentinfo">
      <span data-testid="status-source">{status ? status.source.kind.toUpperCase() : '…'}</span>
      <span>markets {status?.marketCount ?? 0}</span>
      {status?.venues.map((v) => (
        <span key={v.venue}>
          {v.venue}: {v.state}
          {Object.entries(v.lastEventAgeMs).map(([k, age]) => ` · ${k} ${fmtAge(age)}`)}
        </span>
      ))}
      <span data-testid="status-worker">
        {/* One event count on screen: the replay bar's. The worker's own state and restarts stay here. */}
        worker {w?.state ?? '…'}
        {w && w.restarts > 0 ? ` · restarted ${w.restarts}× (${w.lastRestartReason ?? ''})` : ''}
      </span>
    </footer>
  )
}
