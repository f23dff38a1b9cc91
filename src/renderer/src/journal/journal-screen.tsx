import type { ScreenProps } from '../screen-props'

export function JournalScreen(_props: ScreenProps) {
  return (
    <div className="empty-state">
      <p>Journal</p>
    </div>
  )
}
