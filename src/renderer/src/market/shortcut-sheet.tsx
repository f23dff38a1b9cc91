import { SHORTCUTS } from './market-hotkeys'

/** The keyboard shortcuts, opened with "?" or the keyboard button; Escape or × closes it. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <div
      className="shortcut-sheet"
      role="dialog"
      aria-label="Keyboard shortcuts"
      data-testid="shortcut-sheet"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
    >
      <header>
        <strong>Keyboard shortcuts</strong>
        <button type="button" aria-label="Close the shortcuts" onClick={onClose} autoFocus>
          ×
        </button>
      </header>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.keys}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
