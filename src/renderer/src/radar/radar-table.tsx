import { useEffect, useRef } from 'react'
import { MetricTip } from '../components/metric-tooltip'
import { RADAR_COLUMNS } from './radar-columns'
import type { RadarRow, SortState } from './radar-model'
import { RadarRowView } from './radar-row'
import type { Flash } from './use-row-flash'

interface Props {
  rows: RadarRow[]
  sort: SortState
  onSort: (s: SortState) => void
  cursor: number
  onCursor: (index: number) => void
  onOpen: (key: string) => void
  history: ReadonlyMap<string, { values: readonly number[] }>
  flashes: Map<string, Flash>
}

/**
 * The ranked table. Keyboard: ↑/↓ (or j/k) move, Home/End jump, PageUp/PageDown move 10, Enter opens the
 * market view. Sorting headers are buttons, so they are reachable with Tab.
 */
export function RadarTable({ rows, sort, onSort, cursor, onCursor, onOpen, history, flashes }: Props) {
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([])
  const bodyHasFocus = useRef(false)

  useEffect(() => {
    if (bodyHasFocus.current) rowRefs.current[cursor]?.focus()
    rowRefs.current[cursor]?.scrollIntoView?.({ block: 'nearest' })
  }, [cursor])

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const last = rows.length - 1
    const move: Record<string, number> = {
      ArrowDown: cursor + 1,
      j: cursor + 1,
      ArrowUp: cursor - 1,
      k: cursor - 1,
      Home: 0,
      End: last,
      PageDown: cursor + 10,
      PageUp: cursor - 10,
    }
    if (e.key in move) {
      e.preventDefault()
      onCursor(Math.max(0, Math.min(last, move[e.key]!)))
    } else if (e.key === 'Enter' && rows[cursor]) {
      e.preventDefault()
      onOpen(rows[cursor].snap.key)
    }
  }

  return (
    <table
      className="radar-table"
      aria-label="Markets ranked by Leverage Stress Index"
      aria-rowcount={rows.length}
    >
      <thead>
        <tr>
          <th className="col-rank">#</th>
          {RADAR_COLUMNS.map((c) => {
            const activeSort = sort.key === c.key
            return (
              <th
                key={c.key}
                className={c.align === 'right' ? 'num' : ''}
                aria-sort={activeSort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <MetricTip id={c.metric}>
                  <button
                    type="button"
                    className={`sort-button ${activeSort ? 'sorted' : ''}`}
                    onClick={() =>
                      onSort({
                        key: c.key,
                        dir: activeSort ? (sort.dir === 'asc' ? 'desc' : 'asc') : c.firstDir,
                      })
                    }
                  >
                    {c.label}
                    <span className="sort-arrow" aria-hidden>
                      {activeSort ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </MetricTip>
              </th>
            )
          })}
        </tr>
      </thead>
      <tbody
        onKeyDown={onKeyDown}
        onFocus={() => (bodyHasFocus.current = true)}
        onBlur={() => (bodyHasFocus.current = false)}
      >
        {rows.map((r, i) => (
          <RadarRowView
            key={r.snap.key}
            ref={(el) => {
              rowRefs.current[i] = el
            }}
            row={r}
            rank={i + 1}
            active={i === cursor}
            history={history.get(r.snap.key)?.values ?? []}
            flash={flashes.get(r.snap.key)}
            onActivate={() => onCursor(i)}
            onOpen={() => onOpen(r.snap.key)}
          />
        ))}
      </tbody>
    </table>
  )
}
