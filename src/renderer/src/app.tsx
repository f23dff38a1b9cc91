import { useMemo, useState } from 'react'
import type { RadarApi } from '../../shared/api'
import { useEngine } from './hooks/use-engine'
import { TopBar } from './components/top-bar'
import { RadarList } from './components/radar-list'
import { ChartArea } from './components/chart-area'
import { RightPanel } from './components/right-panel'
import { StatusBar } from './components/status-bar'
import { Notices } from './components/notices'
import { SettingsPanel } from './components/settings-panel'

interface Props {
  api: RadarApi
  connected: boolean
}

export function App({ api, connected }: Props) {
  const engine = useEngine(api)
  const [selectedKey, setSelectedKey] = useState<string | null>(null)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const markets = useMemo(
    () => [...engine.snapshots.values()].sort((a, b) => a.key.localeCompare(b.key)),
    [engine.snapshots],
  )
  const selected = selectedKey ? (engine.snapshots.get(selectedKey) ?? null) : null
  return (
    <div className={`shell theme-${engine.settings?.settings.theme ?? 'dark'}`}>
      <TopBar status={engine.status} connected={connected} onOpenSettings={() => setSettingsOpen(true)} />
      <Notices notices={engine.notices} settingsWarning={engine.settings?.warning ?? null} />
      {engine.error && (
        <div className="notice notice-error" role="alert">
          {engine.error}
        </div>
      )}
      <div className="workspace">
        <RadarList snapshots={markets} selectedKey={selectedKey} onSelect={setSelectedKey} />
        <ChartArea market={selected} />
        <RightPanel market={selected} />
      </div>
      <StatusBar status={engine.status} />
      {settingsOpen && (
        <SettingsPanel
          api={api}
          view={engine.settings}
          appInfo={engine.appInfo}
          onClose={() => setSettingsOpen(false)}
        />
      )}
    </div>
  )
}
