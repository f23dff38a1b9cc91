import { useEffect, useState } from 'react'

/** Wall-clock time refreshed every `intervalMs` (null: frozen, for replay where the session clock rules). */
export function useNow(intervalMs: number | null): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (intervalMs === null) return
    const t = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(t)
  }, [intervalMs])
  return now
}
