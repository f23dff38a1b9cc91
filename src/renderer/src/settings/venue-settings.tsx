import { useState } from 'react'
import type { Settings } from '../../../shared/settings'
import { LIVE_VENUE_IDS } from '../../../shared/market-event'

interface Props {
  settings: Settings
  onSave: (patch: Pick<Settings, 'venues'> | Pick<Settings, 'baseUrls'>) => void
}

type Urls = Settings['baseUrls']

/** Which venues the live feed connects to, and per-venue base URLs (e.g. a local exchange emulator). */
export function VenueSettings({ settings, onSave }: Props) {
  const [urls, setUrls] = useState<Urls>(settings.baseUrls)
  const toggle = (venue: string): void => {
    const on = settings.venues.includes(venue)
    onSave({ venues: on ? settings.venues.filter((v) => v !== venue) : [...settings.venues, venue] })
  }
  const setUrl = (venue: string, which: 'rest' | 'ws', value: string): void => {
    setUrls((prev) => {
      const entry = { ...prev[venue] }
      if (value.trim()) entry[which] = value.trim()
      else delete entry[which]
      const next = { ...prev, [venue]: entry }
      if (!entry.rest && !entry.ws) delete next[venue]
      return next
    })
  }
  return (
    <table className="data-table venue-table" aria-label="Venues">
      <thead>
        <tr>
          <th>Venue</th>
          <th>Live</th>
          <th>REST base URL</th>
          <th>WebSocket base URL</th>
        </tr>
      </thead>
      <tbody>
        {LIVE_VENUE_IDS.map((v) => (
          <tr key={v}>
            <td className="mono">{v}</td>
            <td>
              <input
                type="checkbox"
                aria-label={`Connect to ${v}`}
                checked={settings.venues.includes(v)}
                onChange={() => toggle(v)}
              />
            </td>
            {(['rest', 'ws'] as const).map((which) => (
              <td key={which}>
                <input
                  className="url-input"
                  aria-label={`${v} ${which === 'rest' ? 'REST' : 'WebSocket'} base URL`}
                  placeholder="the venue's own"
                  spellCheck={false}
                  value={urls[v]?.[which] ?? ''}
                  onChange={(e) => setUrl(v, which, e.target.value)}
                  onBlur={() => onSave({ baseUrls: urls })}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
