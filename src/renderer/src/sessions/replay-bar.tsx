import { useEffect, useRef, useState } from 'react'
import type { ReplayPosition, ReplaySpeed } from '../../../shared/contract/sessions'
import type { ScreenProps } from '../screen-props'
import { fmtClock, fmtDuration } from '../format'
import { useDeliveredSpeed } from './use-delivered-speed'
import { useAction } from './use-load'
import '../workflow.css'

const SPEEDS: ReplaySpeed[] = [1, 10, 100, 'max']
type Control = Parameters<ScreenProps['api']['replayControl']>[0]

/**
 * Replay controls, visible whenever a session is open. The clock is the session's own time (UTC), so
 * nobody mistakes a replay for live data.
 */
export function ReplayBar(props: ScreenProps) {
  return props.engine.replay ? <ReplayControls {...props} replay={props.engine.replay} /> : null
}

function ReplayControls({ api, engine, replay: pushed }: ScreenProps & { replay: ReplayPosition }) {
  const action = useAction()
  // The answer to a command is the engine's position right after it; a later push replaces it.
  const [answer, setAnswer] = useState<{ pos: ReplayPosition; after: ReplayPosition } | null>(null)
  const replay = answer !== null && answer.after === pushed ? answer.pos : pushed
  const latestPush = useRef(pushed)
  useEffect(() => {
    latestPush.current = pushed
  }, [pushed])
  // While the user drags, the slider shows the target until the engine has answered the seek.
  const [draftTsMs, setDraftTsMs] = useState<number | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => () => clearTimeout(timer.current ?? undefined), [])
  const send = (control: Control): void =>
    void action
      .run(() => api.replayControl(control))
      .then((pos) => {
        if (pos) setAnswer({ pos, after: latestPush.current })
        if (control.action === 'seek') setDraftTsMs((d) => (d === control.tsMs ? null : d))
      })
  const playing = replay.state === 'playing'
  const delivered = useDeliveredSpeed(replay)
  // Said only when it falls clearly short of a numeric request (max has no promise to keep).
  const slow =
    delivered !== null && typeof replay.speed === 'number' && delivered < replay.speed * 0.85
      ? Math.max(0, Math.round(delivered))
      : null
  const { startTsMs, endTsMs } = replay
  const spanMs = startTsMs !== null && endTsMs !== null ? endTsMs - startTsMs : null
  const shownTsMs = draftTsMs ?? replay.sessionTsMs
  const elapsedMs = shownTsMs !== null && startTsMs !== null ? shownTsMs - startTsMs : null
  const clock = fmtClock(shownTsMs)
  const source = engine.status?.source
  const isSample = source?.kind === 'sample'
  // One seek after the thumb rests, not one per pixel of a drag or per arrow-key repeat.
  const onSlide = (tsMs: number): void => {
    setDraftTsMs(tsMs)
    clearTimeout(timer.current ?? undefined)
    timer.current = setTimeout(() => send({ action: 'seek', tsMs }), 150)
  }
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    // Buttons answer Space themselves; on the seek slider Space plays/pauses and "." steps.
    const target = e.target as HTMLElement
    if (!(target instanceof HTMLInputElement && target.type === 'range')) return
    if (e.key === ' ' || e.key === 'k') {
      e.preventDefault()
      send({ action: playing ? 'pause' : 'play' })
    } else if (e.key === '.') {
      send({ action: 'step' })
    }
  }
  return (
    <div
      className={`replay-bar ${isSample ? 'replay-sample' : ''}`}
      role="toolbar"
      aria-label="Replay controls"
      data-testid="replay-bar"
      onKeyDown={onKeyDown}
    >
      <span className={isSample ? 'badge badge-sample' : 'badge badge-replay'} data-testid="replay-kind">
        {isSample ? 'SAMPLE' : 'REPLAY'}
      </span>
      <span className="replay-label" title={source?.label ?? replay.path} data-testid="replay-label">
        {source?.label ?? replay.path}
      </span>
      <button
        type="button"
        className="rb-btn rb-play"
        onClick={() => send({ action: playing ? 'pause' : 'play' })}
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (Space on the slider)' : 'Play (Space on the slider)'}
        disabled={replay.state === 'ended' && !playing && replay.sessionTsMs === endTsMs}
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <button
        type="button"
        className="rb-btn"
        onClick={() => send({ action: 'step' })}
        aria-label="Step"
        title="Step one batch (. on the slider)"
        disabled={playing}
      >
        ▶❘
      </button>
      <div className="rb-speeds" role="radiogroup" aria-label="Replay speed">
        {SPEEDS.map((s) => (
          <button
            key={String(s)}
            type="button"
            role="radio"
            aria-checked={replay.speed === s}
            className={replay.speed === s ? 'rb-speed active' : 'rb-speed'}
            onClick={() => send({ action: 'speed', speed: s })}
          >
            {s === 'max' ? 'MAX' : `${s}x`}
          </button>
        ))}
      </div>
      <input
        className="rb-slider"
        type="range"
        aria-label="Seek"
        aria-valuetext={`${clock.date} ${clock.time} UTC`}
        aria-keyshortcuts="Space ."
        min={startTsMs ?? 0}
        max={endTsMs ?? 0}
        step={1000}
        value={shownTsMs ?? startTsMs ?? 0}
        disabled={spanMs === null}
        onChange={(e) => onSlide(Number(e.target.value))}
      />
      <span className="rb-elapsed" title="Time into the session / session length">
        {fmtDuration(elapsedMs)} / {fmtDuration(spanMs)}
      </span>
      <span className="rb-clock" data-testid="replay-clock" aria-live="off" title="Session clock (UTC)">
        <span className="rb-date">{clock.date}</span> {clock.time} <span className="rb-utc">UTC</span>
      </span>
      <span className={`rb-state rb-state-${replay.state}`} data-testid="replay-state">
        {replay.state.toUpperCase()}
      </span>
      {replay.state === 'paused' && replay.sessionTsMs === startTsMs && (
        <span className="rb-hint" data-testid="replay-paused-hint">
          press ▶ to play
        </span>
      )}
      {slow !== null && (
        <span
          className="rb-slow"
          data-testid="replay-delivered"
          title={`The machine delivers about ${slow}× of the requested ${replay.speed}×`}
        >
          delivering ~{slow}×
        </span>
      )}
      <span className="rb-events" title="Events replayed so far">
        {replay.eventsEmitted.toLocaleString('en-US')} events
      </span>
      <button
        type="button"
        className="rb-btn rb-close"
        onClick={() => void action.run(() => api.closeSession())}
      >
        Close
      </button>
      {action.error && (
        <span className="rb-error" role="alert">
          {action.error}
        </span>
      )}
    </div>
  )
}
