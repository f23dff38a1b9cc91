import { useEffect, useSyncExternalStore } from 'react'
import type { ReactNode } from 'react'
import type { EngineStatus } from '../../../shared/engine-status'
import {
  historyWarming,
  loadingFirst,
  marketTasks,
  metricWarming,
  warmingNote,
  warmingShortText,
  warmingText,
} from '../../../shared/metric-warming'
import type { HistoryKind, MetricWarming } from '../../../shared/metric-warming'
import type { MetricId } from '../../../shared/scoring/metric-registry'
import type { Metric } from '../../../shared/scoring/snapshot'
import { MetricTip } from './metric-tooltip'
import { MetricValue } from './metric-value'
import './warming-badge.css'

/**
 * The engine status the badges and metric cells read, published once by the app (`usePublishWarming`) so a
 * cell can sit in any row or header without the status threaded through every component between.
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

const useWarmingStatus = (): EngineStatus | null => useSyncExternalStore(subscribe, () => current)

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
  const tasks = marketTasks(status, marketKey)
  if (tasks.length === 0) return null
  const open = loadingFirst(tasks.filter((t) => !t.done))[0]
  return {
    done: tasks.filter((t) => t.done).length,
    total: tasks.length,
    current: open ? { name: open.name, fraction: open.fraction } : null,
    refused: tasks.flatMap((t) => (t.error === undefined ? [] : [{ name: t.name, error: t.error }])),
  }
}

/** The market's line: "warming 4/9: OI history 40 %" ("warming 4/9" in a row), "history partial: 2 refused". */
export function warmingBadgeText(w: Warming | null, compact = false): string | null {
  if (!w) return null
  if (w.current)
    return compact
      ? `warming ${w.done}/${w.total}`
      : `warming ${w.done}/${w.total}: ${w.current.name} ${Math.round(w.current.fraction * 100)} %`
  return w.refused.length > 0 ? `history partial: ${w.refused.length} refused` : null
}

/** Beside a market while its history loads, and where the venue refused some of it, why. */
export function WarmingBadge({ marketKey, compact }: { marketKey: string; compact?: boolean }) {
  const w = warmingOf(useWarmingStatus(), marketKey)
  const text = warmingBadgeText(w, compact)
  if (!w || !text) return null
  const loading = w.current
    ? `History loading (${w.current.name} ${Math.round(w.current.fraction * 100)} %): each metric that needs it says so until it is in.`
    : ''
  const why = w.refused.map((r) => `${r.name} refused: ${r.error}`)
  return (
    <span
      className={`warming-badge${w.current ? '' : ' warming-refused'}`}
      data-testid="warming-badge"
      title={[loading, ...why].filter(Boolean).join('\n')}
    >
      {text}
    </span>
  )
}

const insufficient = (m: Metric | undefined): boolean => !m || m.value === null || !m.sufficient

/**
 * A metric's warming state for its cell: only while the metric is not sufficient (once it is, it shows its
 * value; once its history is in, its own reason).
 */
export function useMetricWarming(
  marketKey: string,
  id: MetricId,
  metric: Metric | undefined,
): MetricWarming | null {
  const w = metricWarming(useWarmingStatus(), marketKey, id)
  return w && insufficient(metric) ? w : null
}

/**
 * For a list of a market's metrics (the sufficiency notes): each one's warming state, null where none or
 * where the metric is already sufficient.
 */
export function useWarmingLookup(
  marketKey: string,
): (id: MetricId, metric: Metric | undefined) => MetricWarming | null {
  const status = useWarmingStatus()
  return (id, metric) => (insufficient(metric) ? metricWarming(status, marketKey, id) : null)
}

/** Warming of anything resting on these kinds of history (the liquidation map and its scenarios). */
export function useHistoryWarming(marketKey: string, kinds: readonly HistoryKind[]): MetricWarming | null {
  return historyWarming(useWarmingStatus(), marketKey, kinds)
}

/** "warming: OI history 40 %" / "history refused: …" (short forms in a row), styled as not-yet-a-value. */
export function WarmingText({
  w,
  compact,
  detail,
}: {
  w: MetricWarming
  compact?: boolean
  /** Every task, the refusals and a composite's waiting inputs (where the line may wrap: the notes list). */
  detail?: boolean
}): ReactNode {
  return (
    <span
      className={`value-warming${w.state === 'refused' ? ' warming-refused' : ''}`}
      data-testid="metric-warming"
      data-state={w.state}
    >
      {compact ? warmingShortText(w) : detail ? warmingNote(w) : warmingText(w)}
    </span>
  )
}

/** The tooltip note for a cell: the warming line, then the metric's own reason. */
export function warmingCellNote(w: MetricWarming | null, metric: Metric | undefined): string | null {
  const parts = [w ? warmingNote(w) : null, metric?.reason ?? null].filter(Boolean)
  return parts.length > 0 ? parts.join(' · ') : null
}

interface CellProps {
  id: MetricId
  metric: Metric | undefined
  marketKey: string
  /** Override the display text of a value (see MetricValue). */
  text?: string
  className?: string
  /** The radar row's short form ("warming 40 %", "refused"); the tooltip has the whole line. */
  compact?: boolean
}

/**
 * A metric's cell: its value, or while the history it rests on loads "warming: OI history 40 %", or
 * "history refused: <the venue's answer>"; otherwise its own n/a reason. A value whose inputs still wait
 * (a composite over the inputs present) keeps its value and says which in the tooltip.
 */
export function MetricCell({ id, metric, marketKey, text, className, compact }: CellProps) {
  const all = metricWarming(useWarmingStatus(), marketKey, id)
  if (!all) return <MetricValue id={id} metric={metric} text={text} className={className} />
  if (!insufficient(metric))
    return (
      <MetricValue
        id={id}
        metric={metric}
        text={text}
        className={`${className ?? ''} value-inputs-warming`}
        note={warmingCellNote(all, metric)}
      />
    )
  return (
    <MetricTip id={id} note={warmingCellNote(all, metric)} className={className}>
      <WarmingText w={all} compact={compact} />
    </MetricTip>
  )
}
