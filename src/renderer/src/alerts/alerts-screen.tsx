import { useMemo, useState } from 'react'
import type { AlertRule } from '../../../shared/contract/alerts'
import type { ScreenProps } from '../screen-props'
import { useAction, useLoad } from '../sessions/use-load'
import { AlertLog } from './alert-log'
import type { NotifyPermission } from './desktop-notifications'
import { askNotificationPermission, notificationPermission } from './desktop-notifications'
import { RuleForm } from './rule-form'
import { RuleTable } from './rule-table'
import { collectIds } from './snapshot-ids'
import '../workflow.css'

const PERMISSION_TEXT: Record<NotifyPermission, string> = {
  granted: 'Desktop notifications are on.',
  denied: 'Desktop notifications are blocked for this page; allow them in the browser’s site settings.',
  default: 'Desktop notifications are off.',
  unsupported: 'This browser has no desktop notifications; alerts show in the app only.',
}

/** Alert rules on regime shifts and thresholds, and the log of what fired. */
export function AlertsScreen({ api, engine }: ScreenProps) {
  const loaded = useLoad(() => api.listAlertRules(), [api])
  const [rules, setRules] = useState<AlertRule[] | null>(null)
  const action = useAction()
  const [permission, setPermission] = useState<NotifyPermission>(notificationPermission)
  const shown = rules ?? loaded.data ?? []
  const shiftFields = useMemo(() => engine.shifts.map((s) => s.field), [engine.shifts])
  const ids = useMemo(
    () => collectIds(engine.snapshots.values(), shiftFields, engine.settings?.settings.watchlist ?? []),
    [engine.snapshots, shiftFields, engine.settings],
  )
  const askPermission = async (): Promise<void> => setPermission(await askNotificationPermission())
  const save = async (rule: AlertRule): Promise<void> => {
    // Saving a rule is a user gesture: the one moment a browser lets the page ask to notify.
    if (permission === 'default') void askPermission()
    const next = await action.run(() => api.saveAlertRule(rule))
    if (next) setRules(next)
  }
  const remove = async (rule: AlertRule): Promise<void> => {
    const next = await action.run(() => api.deleteAlertRule({ id: rule.id }))
    if (next) setRules(next)
  }
  return (
    <div className="screen-scroll workflow-screen" aria-label="Alerts">
      <div className="screen-toolbar">
        <h2>Alerts</h2>
        <span className="muted">
          {shown.length} rules · {engine.alerts.length} fired
        </span>
        <div className="toolbar-spacer" />
        <span className={`notify-state notify-${permission}`} data-testid="notify-state">
          {PERMISSION_TEXT[permission]}
        </span>
        {permission === 'default' && (
          <button type="button" onClick={() => void askPermission()}>
            Enable desktop notifications
          </button>
        )}
      </div>
      {loaded.error && (
        <p className="notice notice-error" role="alert">
          Could not load alert rules: {loaded.error}
        </p>
      )}
      {action.error && (
        <p className="notice notice-error" role="alert">
          {action.error}
        </p>
      )}
      <RuleForm
        markets={ids.markets}
        metricIds={ids.metricIds}
        labelIds={ids.labelIds}
        busy={action.busy}
        onSave={(r) => void save(r)}
      />
      <section className="panel" aria-label="Rules">
        <div className="panel-title">Rules</div>
        <RuleTable
          rules={shown}
          busy={action.busy}
          onToggle={(r) => void save({ ...r, enabled: !r.enabled })}
          onDelete={(r) => void remove(r)}
        />
      </section>
      <section className="panel" aria-label="Alert log">
        <div className="panel-title">Alert log</div>
        <AlertLog alerts={engine.alerts} />
      </section>
    </div>
  )
}
