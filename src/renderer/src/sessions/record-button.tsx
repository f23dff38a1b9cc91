import { useEffect, useState } from 'react'
import type { RecordingStatus } from '../../../shared/contract/sessions'
import type { RadarApi } from '../../../shared/api'
import { fmtBytes, fmtDuration } from '../format'
import { useAction } from './use-load'

interface Props {
  api: RadarApi
  recording: RecordingStatus | null
  onStopped: () => void
}

/** Record what the engine receives; while recording, the button shows elapsed time, size and events. */
export function RecordButton({ api, recording, onStopped }: Props) {
  const action = useAction()
  const active = recording?.active === true
  const [nowMs, setNowMs] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const t = setInterval(() => setNowMs(Date.now()), 1000)
    return () => clearInterval(t)
  }, [active])
  const elapsedMs = active && recording?.startedAtMs ? Math.max(0, nowMs - recording.startedAtMs) : null
  const toggle = async (): Promise<void> => {
    if (active) {
      const done = await action.run(() => api.stopRecording())
      if (done) onStopped()
    } else {
      await action.run(() => api.startRecording())
    }
  }
  return (
    <div className="record-control">
      <button
        type="button"
        className={active ? 'btn-record recording' : 'btn-record'}
        onClick={() => void toggle()}
        disabled={action.busy}
        aria-pressed={active}
        data-testid="record-button"
        title={active ? `Recording to ${recording?.path ?? ''}` : 'Record everything the engine receives'}
      >
        <span className="rec-dot" aria-hidden="true" />
        {active ? 'Stop recording' : 'Record'}
      </button>
      {active && (
        <span className="rec-stats" data-testid="record-stats">
          {fmtDuration(elapsedMs ?? 0)} · {fmtBytes(recording?.bytes)} ·{' '}
          {(recording?.events ?? 0).toLocaleString('en-US')} events
        </span>
      )}
      {action.error && (
        <span className="inline-error" role="alert">
          {action.error}
        </span>
      )}
    </div>
  )
}
