import { CoinAggregates } from './coin-aggregates'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { ScreenProps } from '../screen-props'
import { isSpot, matchesFilter, sortRows, spotByPair, toRadarRow } from './radar-model'
import type { SortState } from './radar-model'
import { RadarEmpty } from './radar-empty'
import { RadarTable } from './radar-table'
import { useRowFlash } from './use-row-flash'
import { useStressHistory } from './use-stress-history'
import { useNow } from './use-now'
import { useUniverse } from './use-universe'
import { ALL_SCOPE, inScope, scopedMarkets } from './radar-scope'
import { watchlistLabel } from '../../../shared/watchlist-status'
import type { RadarScope } from './radar-scope'
import { UniverseBar } from './universe-bar'
import '../market.css'

/** Rows drawn at once: a 1,000-market universe is sorted and filtered whole, but drawn a page at a time. */
const PAGE_ROWS = 200

/**
 * Home: every market ranked by the Leverage Stress Index: the watchlist (tier 2, streamed, every signal) and,
 * while live, every linear perp of the enabled venues (tier 1, from the venues' bulk tickers).
 */
export function RadarScreen({ api, engine, selectedKey, navigate }: ScreenProps) {
  const [sort, setSort] = useState<SortState>({ key: 'stress', dir: 'desc' })
  const [filter, setFilter] = useState('')
  const [cursorKey, setCursorKey] = useState<string | null>(selectedKey)
  const [scope, setScope] = useState<RadarScope>(ALL_SCOPE)
  const [shown, setShown] = useState(PAGE_ROWS)
  const universe = useUniverse(api)
  const filterRef = useRef<HTMLInputElement>(null)
  const history = useStressHistory(engine.snapshots)
  const flashes = useRowFlash(engine.shifts)
  const live = engine.status?.source.kind === 'live'
  const wallNow = useNow(live ? 1000 : null)
  // Freshness is measured on the engine clock: wall time live, session time in replay.
  const newestEval = Math.max(0, ...[...engine.snapshots.values()].map((s) => s.evaluatedAtMs ?? 0))
  const clockMs = live ? wallNow : (engine.replay?.sessionTsMs ?? (newestEval > 0 ? newestEval : null))

  const all = useMemo(() => [...engine.snapshots.values()], [engine.snapshots])
  // The watchlist in force: the engine's (the automatic ranking or the user's list), else Settings' list.
  const watchStatus = engine.status?.watchlist
  const watchlist =
    watchStatus?.keys ??
    (engine.settings?.settings.watchlistMode === 'mine' ? engine.settings.settings.watchlist : undefined)
  const markets = useMemo(
    () => scopedMarkets(engine.snapshots, universe.byKey, new Set(watchlist ?? [])),
    [engine.snapshots, universe.byKey, watchlist],
  )
  // Coin rows sum the watchlist's markets (tier 2): the ones streamed with a liquidation map of their own.
  const streamedMarkets = useMemo(
    () => new Map(markets.filter((m) => m.tier === 2).map((m) => [m.snap.key, m.snap])),
    [markets],
  )
  const tierOf = useMemo(() => new Map(markets.map((m) => [m.snap.key, m.tier])), [markets])
  // Spot markets can never carry leverage stress: they are not ranked among perps, their price sits beside
  // their perp's basis (the spot filter lists them on their own).
  const spots = useMemo(() => spotByPair(all), [all])
  const inView = useMemo(() => markets.filter((m) => inScope(m, scope)), [markets, scope])
  const perps = useMemo(() => markets.filter((m) => !isSpot(m.snap)), [markets])
  const rows = useMemo(
    () =>
      sortRows(
        inView.filter((m) => matchesFilter(m.snap, filter)).map((m) => toRadarRow(m.snap, clockMs, spots)),
        sort,
      ),
    [inView, spots, filter, sort, clockMs],
  )
  const found = rows.findIndex((r) => r.snap.key === cursorKey)
  const cursor = found >= 0 ? found : 0

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement
      if (e.key === '/' && !typing) {
        e.preventDefault()
        filterRef.current?.focus()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  if (markets.length === 0) return <RadarEmpty api={api} navigate={navigate} />

  const cursorRow = rows[cursor]
  const cursorKeyNow = cursorRow?.snap.key ?? null
  const pinned = cursorKeyNow !== null && (watchlist ?? []).includes(cursorKeyNow)
  const togglePin = (): void => {
    if (!cursorKeyNow || !watchlist) return
    const next = pinned ? watchlist.filter((k) => k !== cursorKeyNow) : [...watchlist, cursorKeyNow]
    // Pinning makes the list the user's, starting from the markets streamed now; the engine adds or drops the
    // one market on the running source, the other streams go on.
    void api.updateSettings({ watchlist: next.slice(0, 300), watchlistMode: 'mine' }).catch(() => undefined)
  }

  return (
    <section className="radar-screen" aria-label="Radar">
      <div className="radar-toolbar">
        <h1 className="screen-title">Radar</h1>
        <span className="muted" data-testid="radar-count">
          {rows.length} of {scope.kind === 'spot' ? markets.length - perps.length : perps.length}{' '}
          {scope.kind === 'spot' ? 'spot ' : ''}markets · ranked by{' '}
          {sort.key === 'stress' ? 'Leverage Stress Index' : sort.key}
          {scope.kind === 'perp' &&
            spots.size > 0 &&
            ` · ${spots.size} spot market${spots.size === 1 ? '' : 's'} shown beside ${spots.size === 1 ? 'its perp' : 'their perps'}`}
        </span>
        <label className="filter-box">
          <span className="sr-only">Filter markets</span>
          <input
            ref={filterRef}
            type="search"
            placeholder="Filter: symbol, venue, tag, regime  ( / )"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'Enter') {
                e.preventDefault()
                const row = document.querySelector<HTMLTableRowElement>('.radar-tr.active')
                row?.focus()
              }
            }}
            aria-label="Filter markets"
          />
        </label>
        <UniverseBar
          nowMs={wallNow}
          scope={scope}
          onScope={(sc) => {
            setScope(sc)
            setShown(PAGE_ROWS)
          }}
          venues={[...new Set(markets.map((m) => m.snap.venue))].sort()}
          view={universe.view}
        />
        {/* The watchlist is what live streams: a replay or sample plays its recorded markets whatever it holds. */}
        {live && cursorRow && (
          <button
            type="button"
            className="pin-button"
            data-testid="radar-pin"
            onClick={togglePin}
            title={
              pinned
                ? 'Remove from the watchlist: back to tier 1 (bulk tickers by the minute)'
                : 'Add to the watchlist: tier 2, full streams and every signal (the watchlist becomes my list)'
            }
          >
            {pinned ? 'Unpin' : 'Pin'} {cursorRow.snap.symbol.split(':')[0]}{' '}
            {tierOf.get(cursorKeyNow ?? '') === 1 ? '(tier 1)' : '(watchlist)'}
          </button>
        )}
        {live && watchStatus && (
          <button
            type="button"
            className="pin-button"
            data-testid="watchlist-mode"
            onClick={() => navigate('settings')}
            title={
              watchStatus.mode === 'auto'
                ? `Tier 2, full streams and every signal: the ${watchStatus.perVenue} perps with the largest open interest on each enabled venue, re-ranked every ${Math.round(watchStatus.rerankSec / 60)} min while live. Pinning or editing it in Settings makes it your list.`
                : 'Tier 2, full streams and every signal: the markets you chose. Settings → Watchlist returns to the automatic list.'
            }
          >
            watchlist: {watchlistLabel(watchStatus)}
          </button>
        )}
        <span className="kbd-hint muted">↑↓ move · Enter open · / filter</span>
      </div>
      <div className="radar-scroll">
        <CoinAggregates api={api} snapshots={streamedMarkets} onOpen={(key) => navigate('market', key)} />
        {rows.length === 0 ? (
          <div className="empty-state" data-testid="radar-filter-empty">
            <p>
              No market matches “{filter}”. Clear the filter to see all {perps.length}.
            </p>
          </div>
        ) : (
          <RadarTable
            rows={rows.slice(0, Math.max(shown, cursor + 1))}
            sort={sort}
            onSort={setSort}
            cursor={cursor}
            onCursor={(i) => setCursorKey(rows[i]?.snap.key ?? null)}
            onOpen={(key) => navigate('market', key)}
            history={history}
            flashes={flashes}
          />
        )}
        {rows.length > shown && (
          <button type="button" className="show-more" onClick={() => setShown((n) => n + PAGE_ROWS * 5)}>
            Show {Math.min(rows.length - shown, PAGE_ROWS * 5)} more of the {rows.length - shown} not drawn
            (sorting and the filter cover all {rows.length})
          </button>
        )}
      </div>
    </section>
  )
}
