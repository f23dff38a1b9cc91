import type { ScreenProps } from '../screen-props'

/** Replay controls, visible whenever a session is open. */
export function ReplayBar({ engine }: ScreenProps) {
  if (!engine.replay) return null
  return <div className="replay-bar" aria-label="Replay controls" />
}
