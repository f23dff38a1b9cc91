import type { ScreenProps } from '../screen-props'

export function AlertsScreen(_props: ScreenProps) {
  return (
    <div className="empty-state">
      <p>Alerts</p>
    </div>
  )
}
