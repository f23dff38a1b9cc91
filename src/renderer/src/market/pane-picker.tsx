import type { PanePrefs, SignalPaneId } from './chart-pane-layout'
import { SIGNAL_PANE_NAMES, movePane, togglePane } from './chart-pane-layout'

interface Props {
  prefs: PanePrefs
  withData: ReadonlySet<SignalPaneId>
  onChange: (p: PanePrefs) => void
}

/**
 * The signal panes under the price: on or off, in the trader's order (remembered). A pane without data
 * is collapsed whatever the choice, and says so here instead of taking chart height to print "n/a".
 */
export function PanePicker({ prefs, withData, onChange }: Props) {
  return (
    <div className="pane-picker" role="group" aria-label="Chart panes" data-testid="pane-picker">
      <span className="muted">Panes</span>
      {prefs.order.map((id, i) => {
        const on = !prefs.hidden.includes(id)
        const empty = !withData.has(id)
        return (
          <span key={id} className={`pane-chip ${on ? 'on' : ''} ${empty ? 'empty' : ''}`} data-pane={id}>
            <label title={empty ? 'no data in this session: collapsed' : undefined}>
              <input type="checkbox" checked={on} onChange={() => onChange(togglePane(prefs, id))} />
              {SIGNAL_PANE_NAMES[id]}
              {empty && <span className="pane-empty"> · no data</span>}
            </label>
            <button
              type="button"
              className="pane-move"
              aria-label={`Move ${SIGNAL_PANE_NAMES[id]} up`}
              disabled={i === 0}
              onClick={() => onChange(movePane(prefs, id, -1))}
            >
              ↑
            </button>
          </span>
        )
      })}
    </div>
  )
}
