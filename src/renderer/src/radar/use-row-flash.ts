import { useEffect, useRef, useState } from 'react'
import type { RegimeShiftEvent } from '../hooks/use-engine'

const FLASH_MS = 2500

export interface Flash {
  /** Changes on every new shift so the CSS animation restarts. */
  seq: number
  text: string
}

/** Markets whose regime, tag or composite level just changed; each flash fades after 2.5 s. */
export function useRowFlash(shifts: RegimeShiftEvent[]): Map<string, Flash> {
  const [flashes, setFlashes] = useState<Map<string, Flash & { untilMs: number }>>(new Map())
  const lastSeen = useRef<RegimeShiftEvent | null>(null)
  const seq = useRef(0)

  useEffect(() => {
    const from = lastSeen.current ? shifts.lastIndexOf(lastSeen.current) + 1 : 0
    const fresh = shifts.slice(from)
    if (fresh.length === 0) return
    lastSeen.current = shifts[shifts.length - 1] ?? null
    const now = Date.now()
    setFlashes((prev) => {
      const next = new Map(prev)
      for (const s of fresh)
        next.set(s.key, {
          seq: ++seq.current,
          text: `${s.field}: ${s.from ?? '—'} → ${s.to ?? '—'}`,
          untilMs: now + FLASH_MS,
        })
      return next
    })
  }, [shifts])

  useEffect(() => {
    if (flashes.size === 0) return
    const timer = setTimeout(() => {
      const now = Date.now()
      setFlashes((prev) => new Map([...prev].filter(([, f]) => f.untilMs > now)))
    }, 500)
    return () => clearTimeout(timer)
  }, [flashes])

  return flashes
}
