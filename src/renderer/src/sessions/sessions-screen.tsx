import type { ScreenProps } from '../screen-props'

/** Recorded and imported sessions: open, record, import, delete. */
export function SessionsScreen(_props: ScreenProps) {
  return (
    <div className="empty-state">
      <p>Sessions</p>
    </div>
  )
}
