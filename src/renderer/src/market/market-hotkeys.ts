import { useEffect, useRef } from 'react'

/** Every keyboard shortcut of the market view, as the help sheet lists them. */
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: '1 … 6', what: 'time frame 1m, 5m, 15m, 1h, 4h, 1D' },
  { keys: 'L', what: 'logarithmic price axis on / off' },
  { keys: 'F · O · B · V', what: 'funding, open interest, basis, VPIN pane on / off' },
  { keys: 'Space', what: 'play / pause the replay' },
  { keys: 'J · K', what: 'next / previous market in the radar' },
  { keys: 'S', what: 'position-size calculator' },
  { keys: '?', what: 'this list' },
  { keys: 'Esc', what: 'close the list or the calculator' },
]

export interface HotkeyActions {
  timeframe: (index: number) => void
  toggleLog: () => void
  togglePane: (key: 'f' | 'o' | 'b' | 'v') => void
  playPause: () => void
  nextMarket: (delta: 1 | -1) => void
  toggleSize: () => void
  toggleHelp: () => void
}

/**
 * Global shortcuts while the market view is open. Keys typed into a field (the calculator's inputs, a
 * select) are the field's, never a shortcut; modifier chords are left to the browser.
 */
export function useMarketHotkeys(actions: HotkeyActions): void {
  const ref = useRef(actions)
  // The newest handlers after each render, so the one window listener never holds stale state.
  useEffect(() => {
    ref.current = actions
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const t = e.target as HTMLElement | null
      if (t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return
      const a = ref.current
      const key = e.key.toLowerCase()
      if (key >= '1' && key <= '6') a.timeframe(Number(key) - 1)
      else if (key === 'l') a.toggleLog()
      else if (key === 'f' || key === 'o' || key === 'b' || key === 'v') a.togglePane(key)
      else if (key === ' ') {
        // Space on a focused button presses that button; elsewhere it plays or pauses.
        if (t?.tagName === 'BUTTON') return
        a.playPause()
      } else if (key === 'j') a.nextMarket(1)
      else if (key === 'k') a.nextMarket(-1)
      else if (key === 's') a.toggleSize()
      else if (key === '?') a.toggleHelp()
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
