import { useCallback, useState } from 'react'
import type { RadarApi } from '../../shared/api'
import { useEngine } from './hooks/use-engine'
import type { ScreenId, ScreenProps } from './screen-props'
import { TopBar } from './components/top-bar'
import { LiveControl } from './components/live-control'
import { StatusBar } from './components/status-bar'
import { usePublishWarming } from './components/warming-badge'
import { Notices } from './components/notices'
import { NavTabs } from './components/nav-tabs'
import { RadarScreen } from './radar/radar-screen'
import { MarketScreen } from './market/market-screen'
import { SessionsScreen } from './sessions/sessions-screen'
import { ReplayBar } from './sessions/replay-bar'
import { AlertsScreen } from './alerts/alerts-screen'
import { JournalScreen } from './journal/journal-screen'
import { SettingsScreen } from './settings/settings-screen'
import { EvidenceScreen } from './evidence/evidence-screen'
import { AlertNotifier } from './alerts/alert-notifier'
import { HelpDrawer } from './help/help-drawer'

interface Props {
  api: RadarApi
  connected: boolean
}

const SCREENS: Record<ScreenId, (p: ScreenProps) => React.JSX.Element | null> = {
  radar: RadarScreen,
  market: MarketScreen,
  sessions: SessionsScreen,
  alerts: AlertsScreen,
  journal: JournalScreen,
  evidence: EvidenceScreen,
  settings: SettingsScreen,
}

export function App({ api, connected }: Props) {
  const engine = useEngine(api)
  usePublishWarming(engine.status)
  const [screen, setScreen] = useState<ScreenId>('radar')
  const [selectedKey, setSelectedKey] = useState<string | null>(null)
  const navigate = useCallback((next: ScreenId, marketKey?: string) => {
    if (marketKey !== undefined) setSelectedKey(marketKey)
    setScreen(next)
  }, [])
  const props: ScreenProps = { api, engine, selectedKey, navigate }
  const Screen = SCREENS[screen]
  return (
    <div className={`shell theme-${engine.settings?.settings.theme ?? 'dark'}`}>
      <TopBar status={engine.status} connected={connected} onOpenSettings={() => navigate('settings')} />
      <LiveControl api={api} status={engine.status} recording={engine.recording} />
      <NavTabs current={screen} hasMarket={selectedKey !== null} onSelect={(s) => navigate(s)} />
      <Notices notices={engine.notices} settingsWarning={engine.settings?.warning ?? null} />
      {engine.error && (
        <div className="notice notice-error" role="alert">
          {engine.error}
        </div>
      )}
      <AlertNotifier alerts={engine.alerts} />
      <ReplayBar {...props} />
      <div className="workspace">
        <Screen {...props} />
      </div>
      <StatusBar status={engine.status} />
      <HelpDrawer />
    </div>
  )
}
