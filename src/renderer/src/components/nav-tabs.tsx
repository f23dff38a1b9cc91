import type { ScreenId } from '../screen-props'

const TABS: { id: ScreenId; label: string }[] = [
  { id: 'radar', label: 'Radar' },
  { id: 'market', label: 'Market' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'journal', label: 'Journal' },
  { id: 'evidence', label: 'Evidence' },
  { id: 'settings', label: 'Settings' },
]

interface Props {
  current: ScreenId
  hasMarket: boolean
  onSelect: (screen: ScreenId) => void
}

export function NavTabs({ current, hasMarket, onSelect }: Props) {
  return (
    <nav className="nav-tabs" role="tablist" aria-label="Screens">
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={t.id === current}
          className={t.id === current ? 'tab active' : 'tab'}
          disabled={t.id === 'market' && !hasMarket}
          title={t.id === 'market' && !hasMarket ? 'Open a market from the radar first' : undefined}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </nav>
  )
}
