import { useMemo } from 'react'
import type { ScreenProps } from '../screen-props'
import { RadarList } from './radar-list'

/** Home: every market in the watchlist, ranked. */
export function RadarScreen({ engine, selectedKey, navigate }: ScreenProps) {
  const markets = useMemo(
    () => [...engine.snapshots.values()].sort((a, b) => a.key.localeCompare(b.key)),
    [engine.snapshots],
  )
  return (
    <RadarList snapshots={markets} selectedKey={selectedKey} onSelect={(key) => navigate('market', key)} />
  )
}
