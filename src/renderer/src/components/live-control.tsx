import type { RadarApi } from '../../../shared/api'
import type { EngineStatus } from '../../../shared/engine-status'
import type { RecordingStatus } from '../../../shared/contract/sessions'
import { RecordButton } from '../sessions/record-button'
import { useAction } from '../sessions/use-load'
import './live-control.css'

interface Props {
  api: RadarApi
  status: EngineStatus | null
  recording: RecordingStatus | null
}

/** Each venue's state and its latest problem, for the control's tooltip. */
function venueSummary(status: EngineStatus): string {
  if (status.venues.length === 0) return 'no venue connected'
  return status.venues.map((v) => `${v.venue}: ${v.state}${v.message ? ` (${v.message})` : ''}`).join('\n')
}

/**
 * The one place to go live, stop, and record: Go live from no source, a sample or a replay; Stop returns to
 * no source; Record while live. The launch banner below it says why the app opened a sample instead.
 */
export function LiveControl({ api, status, recording }: Props) {
  const action = useAction()
  const kind = status?.source.kind ?? 'none'
  const live = kind === 'live'
  const note = status?.source.launchNote ?? null
  const probing = note !== null && kind === 'none'
  return (
    <div className="live-bar" data-testid="live-control">
      <span
        className={`live-state live-state-${kind}`}
        data-testid="live-state"
        title={status ? venueSummary(status) : ''}
      >
        {live
          ? 'LIVE'
          : kind === 'replay'
            ? 'REPLAY'
            : kind === 'sample'
              ? 'SAMPLE'
              : probing
                ? 'CHECKING'
                : 'NO SOURCE'}
      </span>
      {live ? (
        <button
          type="button"
          data-testid="live-stop"
          disabled={action.busy}
          onClick={() => void action.run(() => api.stopLive())}
          title="Stop live data; the radar is left with no source"
        >
          Stop
        </button>
      ) : (
        <button
          type="button"
          className="btn-go-live"
          data-testid="go-live"
          disabled={action.busy || probing}
          onClick={() => void action.run(() => api.startLive())}
          title="Connect to the venues enabled in Settings → Venues for the watchlist's markets"
        >
          {action.busy ? 'Going live…' : 'Go live'}
        </button>
      )}
      {live && status && <HistoryRefusals venues={status.venues} />}
      {live && <RecordButton api={api} recording={recording} onStopped={() => undefined} />}
      <InlineError error={action.error} />
      {note && <LaunchBanner api={api} note={note} probing={probing} />}
    </div>
  )
}

/** History a venue refused during the backfill: which series, and the venue's answer, so a gap has a reason. */
function HistoryRefusals({ venues }: { venues: EngineStatus['venues'] }) {
  const refused = venues.flatMap((v) => (v.backfill ?? []).filter((t) => t.error !== undefined))
  if (refused.length === 0) return null
  const lines = refused.map((t) => `${t.task}: ${t.error ?? ''}`)
  return (
    <span className="inline-error" data-testid="history-refused" title={lines.join('\n')}>
      history refused: {refused.length} series ({lines[0]}
      {refused.length > 1 ? ` …` : ''})
    </span>
  )
}

/** Launch fell back to the sample (or is still checking): one line, and Go live / Retry. */
function LaunchBanner({ api, note, probing }: { api: RadarApi; note: string; probing: boolean }) {
  const action = useAction()
  // Retry probes again and goes live only if a venue answers now; otherwise it says who still does not.
  const retry = async (): Promise<void> => {
    const probes = await api.probeVenues()
    const down = probes.filter((p) => !p.reachable)
    if (probes.some((p) => p.reachable)) await api.startLive()
    else
      throw new Error(
        `still no answer: ${down.map((p) => `${p.venue} (${p.reason ?? 'no answer'})`).join(', ')}`,
      )
  }
  return (
    <div
      className={`launch-banner ${probing ? 'launch-probing' : ''}`}
      role="status"
      data-testid="launch-banner"
    >
      <span>{note}</span>
      {!probing && (
        <span className="launch-actions">
          <button type="button" disabled={action.busy} onClick={() => void action.run(() => api.startLive())}>
            Go live
          </button>
          <button type="button" disabled={action.busy} onClick={() => void action.run(retry)}>
            {action.busy ? 'Checking…' : 'Retry'}
          </button>
        </span>
      )}
      <InlineError error={action.error} />
    </div>
  )
}

function InlineError({ error }: { error: string | null }) {
  if (!error) return null
  return (
    <span className="inline-error" role="alert">
      {error}
    </span>
  )
}
