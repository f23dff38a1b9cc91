import type { RadarApi } from '../../shared/api'
import type { EngineView } from './hooks/use-engine'

export type ScreenId = 'radar' | 'market' | 'sessions' | 'alerts' | 'journal' | 'evidence' | 'settings'

/** What every screen receives from the shell. */
export interface ScreenProps {
  api: RadarApi
  engine: EngineView
  /** The market the user has open (venue:symbol key), or null. */
  selectedKey: string | null
  navigate: (screen: ScreenId, marketKey?: string) => void
}
