import { useEffect, useRef, useState } from 'react'
import type { ReplayPosition } from '../../../shared/contract/sessions'

const WINDOW_MS = 3000

/**
 * The speed the replay actually delivers: session time gained per wall-clock second over the last few
 * seconds of play. A busy machine delivers less than the requested 100×; the bar says so instead of
 * letting the trader believe the clock. null while paused or before enough samples.
 */
export function useDeliveredSpeed(replay: ReplayPosition): number | null {
  const latest = useRef(replay)
  const samples = useRef<{ wallMs: number; sessionMs: number }[]>([])
  const [delivered, setDelivered] = useState<number | null>(null)
  useEffect(() => {
    latest.current = replay
  }, [replay])
  useEffect(() => {
    const timer = setInterval(() => {
      const r = latest.current
      const now = Date.now()
      if (r.state !== 'playing' || r.sessionTsMs === null) {
        samples.current = []
        setDelivered(null)
        return
      }
      const list = samples.current
      // A seek jumps the clock: start measuring again.
      if (list.length > 0 && r.sessionTsMs < list[list.length - 1]!.sessionMs) list.length = 0
      list.push({ wallMs: now, sessionMs: r.sessionTsMs })
      while (list.length > 2 && now - list[0]!.wallMs > WINDOW_MS) list.shift()
      const first = list[0]!
      const span = now - first.wallMs
      setDelivered(span >= 1500 ? (r.sessionTsMs - first.sessionMs) / span : null)
    }, 500)
    return () => clearInterval(timer)
  }, [])
  return delivered
}
