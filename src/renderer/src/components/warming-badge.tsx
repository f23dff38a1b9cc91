import { useEffect, useSyncExternalStore } from 'react'
import type { EngineStatus } from '../../../shared/engine-status'
import './warming-badge.css'

type Task = NonNullable<EngineStatus['venues'][number]['backfill']>[number]

/**
 * The engine status the badges read, published once by the app (`usePublishWarming`) so a badge can sit in
 * any row or header without the status threaded through every component between.
 */
let current: EngineStatus | null = null
const listeners = new Set<() => void>()
const subscribe = (fn: () => void): (() => void) => {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

export function usePublishWarming(status: EngineStatus | null): void {
  useEffect(() => {
    current = status
    for (const fn of listeners) fn()
  }, [status])
}

/** Short names for the history tasks the connectors report ("open interest history" → "OI history"). */
function shortName(task: string): string {
  return task.replace('open interest', 'OI').replace(' long/short history', ' long/short')
}

export interface Warming {
  done: number
  total: number
  /** The task loading now, and how far it got. */
  current: { name: string; fraction: number } | null
  /** Tasks the venue refused, with its answer. */
  refused: { name: string; error: string }[]
}

/** A market's history progress from its venue's backfill tasks (`<venue> <symbol> <task>`); null when none. */
export function warmingOf(status: EngineStatus | null, marketKey: string): Warming | null {
  if (status?.source.kind !== 'live') return null
  const cut = marketKey.indexOf(':')
  const venue = marketKey.slice(0, cut)
  const prefix = `${venue} ${marketKey.slice(cut + 1)} `
  const tasks: Task[] = (status.venues.find((v) => v.venue === venue)?.backfill ?? []).filter((t) =>
    t.task.startsWith(prefix),
  )
  if (tasks.length === 0) return null
  const open = tasks.find((t) => !t.done)
  return {
    done: tasks.filter((t) => t.done).length,
    total: tasks.length,
    current: open ? { name: shortName(open.task.slice(prefix.length)), fraction: open.fraction } : null,
    refused: tasks
      .filter((t) => t.error !== undefined)
      .map((t) => ({ name: shortName(t.task.slice(prefix.length)), error: t.error as string })),
  }
}

/** The line a badge shows: "warming 4/9: OI history 40 %", "history partial: 2 refused", or nothing. */
export function warmingText(w: Warming | null): string | null {
  if (!w) return null
  if (w.current)
    return `warming ${w.done}/${w.total}: ${w.current.name} ${Math.round(w.current.fraction * 100)} %`
  return w.refused.length > 0 ? `history partial: ${w.refused.length} refused` : null
}

/** "warming 4/9: OI history 40 %" beside a market while its history loads; why, where the venue refused some. */
export function WarmingBadge({ marketKey }: { marketKey: string }) {
  const status = useSyncExternalStore(subscribe, () => current)
  const w = warmingOf(status, marketKey)
  const text = warmingText(w)
  if (!w || !text) return null
  const why = w.refused.map((r) => `${r.name}: ${r.error}`).join('\n')
  return (
    <span
      className={`warming-badge${w.current ? '' : ' warming-refused'}`}
      data-testid="warming-badge"
      title={why || 'History loading: metrics that need it say so until it is in.'}
    >
      {text}
    </span>
  )
}
