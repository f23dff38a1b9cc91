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
import '../market.css'

/** Home: every market in the watchlist, ranked by the Leverage Stress Index. */
export function RadarScreen({ api, engine, selectedKey, navigate }: ScreenProps) {
  const [sort, setSort] = useState<SortState>({ key: 'stress', dir: 'desc' })
  const [filter, setFilter] = useState('')
  const [cursorKey, setCursorKey] = useState<string | null>(selectedKey)
  const filterRef = useRef<HTMLInputElement>(null)
  const history = useStressHistory(engine.snapshots)
  const flashes = useRowFlash(engine.shifts)
  const live = engine.status?.source.kind === 'live'
  const wallNow = useNow(live ? 1000 : null)
  // Freshness is measured on the engine clock: wall time live, session time in replay.
  const newestEval = Math.max(0, ...[...engine.snapshots.values()].map((s) => s.evaluatedAtMs ?? 0))
  const clockMs = live ? wallNow : (engine.replay?.sessionTsMs ?? (newestEval > 0 ? newestEval : null))

  const all = useMemo(() => [...engine.snapshots.values()], [engine.snapshots])
  // Spot markets can never carry leverage stress: they are not ranked, their price sits beside their
  // perp's basis.
  const spots = useMemo(() => spotByPair(all), [all])
  const perps = useMemo(() => all.filter((s) => !isSpot(s)), [all])
  const rows = useMemo(
    () =>
      sortRows(
        perps.filter((s) => matchesFilter(s, filter)).map((s) => toRadarRow(s, clockMs, spots)),
        sort,
      ),
    [perps, spots, filter, sort, clockMs],
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

  if (all.length === 0) return <RadarEmpty api={api} navigate={navigate} />

  return (
    <section className="radar-screen" aria-label="Radar">
      <div className="radar-toolbar">
        <h1 className="screen-title">Radar</h1>
        <span className="muted" data-testid="radar-count">
          {rows.length} of {perps.length} markets · ranked by{' '}
          {sort.key === 'stress' ? 'Leverage Stress Index' : sort.key}
          {spots.size > 0 &&
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
        <span className="kbd-hint muted">↑↓ move · Enter open · / filter</span>
      </div>
      <div className="radar-scroll">
        <CoinAggregates snapshots={engine.snapshots} onOpen={(key) => navigate('market', key)} />
        {rows.length === 0 ? (
          <div className="empty-state" data-testid="radar-filter-empty">
            <p>
              No market matches “{filter}”. Clear the filter to see all {perps.length}.
            </p>
          </div>
        ) : (
          <RadarTable
            rows={rows}
            sort={sort}
            onSort={setSort}
            cursor={cursor}
            onCursor={(i) => setCursorKey(rows[i]?.snap.key ?? null)}
            onOpen={(key) => navigate('market', key)}
            history={history}
            flashes={flashes}
          />
        )}
      </div>
    </section>
  )
}
