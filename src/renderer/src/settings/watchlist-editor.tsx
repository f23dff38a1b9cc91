import { useEffect, useState } from 'react'
import type { RadarApi } from '../../../shared/api'
import { errorText } from '../sessions/use-load'
import { checkWatchlist } from './watchlist-check'

interface Props {
  api: RadarApi
  watchlist: string[]
  onSave: (watchlist: string[]) => void
}

type Found = Awaited<ReturnType<RadarApi['searchMarkets']>>

/** The watchlist as text (one venue:symbol per line) plus a search over the markets the engine knows. */
export function WatchlistEditor({ api, watchlist, onSave }: Props) {
  const [text, setText] = useState(watchlist.join('\n'))
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<Found>([])
  const [searchError, setSearchError] = useState<string | null>(null)
  useEffect(() => {
    const q = query.trim()
    if (!q) return
    let live = true
    const t = setTimeout(() => {
      api.searchMarkets({ query: q }).then(
        (r) => {
          if (!live) return
          setFound(r)
          setSearchError(null)
        },
        (err: unknown) => live && setSearchError(errorText(err)),
      )
    }, 200)
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [api, query])
  const [problems, setProblems] = useState<string[]>([])
  // Saved only when every line is a market and the list fits: a bad entry is named, never half-saved.
  const commit = (next: string): void => {
    setText(next)
    const checked = checkWatchlist(next)
    setProblems(checked.problems)
    if (checked.problems.length === 0) onSave(checked.markets)
  }
  const add = (key: string): void => commit(`${text.trimEnd()}\n${key}`.trim())
  const current = new Set(checkWatchlist(text).markets)
  return (
    <div className="watchlist-editor">
      <label className="field">
        <span>Watchlist (one market per line, venue:symbol)</span>
        <textarea
          aria-label="Watchlist"
          rows={6}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => commit(text)}
        />
      </label>
      {problems.length > 0 && (
        <ul className="inline-error" role="alert" aria-label="Watchlist not saved">
          {problems.slice(0, 8).map((p) => (
            <li key={p}>{p}</li>
          ))}
          {problems.length > 8 && <li>… and {problems.length - 8} more.</li>}
        </ul>
      )}
      <div className="market-search">
        <input
          type="search"
          aria-label="Search markets"
          placeholder="Search markets (BTC, ETH/USDT, bybit…)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {searchError && <p className="inline-error">Market search failed: {searchError}</p>}
        {query.trim() && !searchError && (
          <ul className="search-results" aria-label="Market search results">
            {found.length === 0 && <li className="muted">No market matches “{query.trim()}”.</li>}
            {found.slice(0, 30).map((m) => (
              <li key={m.key}>
                <span className="chip">{m.venue}</span> <span className="mono">{m.symbol}</span>
                <button
                  type="button"
                  disabled={current.has(m.key)}
                  onClick={() => add(m.key)}
                  aria-label={`Add ${m.key}`}
                >
                  {current.has(m.key) ? 'Added' : 'Add'}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
