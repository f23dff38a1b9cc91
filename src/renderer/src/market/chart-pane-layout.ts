import type { IChartApi } from 'lightweight-charts'
import type { ChartSeries, PaneId } from './chart-panes'
import { COLORS } from './chart-panes'

/** The signal panes under the price pane, in the order a new user sees them. */
export const SIGNAL_PANES = ['funding', 'oi', 'basis', 'vpin'] as const satisfies readonly PaneId[]
export type SignalPaneId = (typeof SIGNAL_PANES)[number]

export const SIGNAL_PANE_NAMES: Record<SignalPaneId, string> = {
  funding: 'Funding',
  oi: 'Open interest',
  basis: 'Basis',
  vpin: 'VPIN',
}

/** What the trader chose: the panes' order and which are switched off. Remembered across sessions. */
export interface PanePrefs {
  order: SignalPaneId[]
  hidden: SignalPaneId[]
}

const STORAGE_KEY = 'radar.chart.panes.v1'

export const DEFAULT_PANE_PREFS: PanePrefs = { order: [...SIGNAL_PANES], hidden: [] }

const isSignalPane = (x: unknown): x is SignalPaneId =>
  typeof x === 'string' && (SIGNAL_PANES as readonly string[]).includes(x)

/** Reads the remembered choice; anything damaged or unknown falls back to the defaults, pane by pane. */
export function loadPanePrefs(storage: Pick<Storage, 'getItem'> | null): PanePrefs {
  try {
    const raw = storage?.getItem(STORAGE_KEY)
    if (!raw) return DEFAULT_PANE_PREFS
    const v = JSON.parse(raw) as { order?: unknown; hidden?: unknown }
    const order = Array.isArray(v.order) ? [...new Set(v.order.filter(isSignalPane))] : []
    // Panes added by a later version join at the end.
    for (const p of SIGNAL_PANES) if (!order.includes(p)) order.push(p)
    const hidden = Array.isArray(v.hidden) ? v.hidden.filter(isSignalPane) : []
    return { order, hidden }
  } catch {
    return DEFAULT_PANE_PREFS
  }
}

export function savePanePrefs(storage: Pick<Storage, 'setItem'> | null, prefs: PanePrefs): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(prefs))
  } catch {
    // Storage full or disabled: the choice holds for this session only.
  }
}

/** Moves a pane one place up (-1) or down (+1) in the order. */
export function movePane(prefs: PanePrefs, id: SignalPaneId, delta: -1 | 1): PanePrefs {
  const order = [...prefs.order]
  const i = order.indexOf(id)
  const j = i + delta
  if (i < 0 || j < 0 || j >= order.length) return prefs
  ;[order[i], order[j]] = [order[j]!, order[i]!]
  return { ...prefs, order }
}

export function togglePane(prefs: PanePrefs, id: SignalPaneId): PanePrefs {
  const hidden = prefs.hidden.includes(id) ? prefs.hidden.filter((x) => x !== id) : [...prefs.hidden, id]
  return { ...prefs, hidden }
}

/** The panes drawn: chosen, in the chosen order, and holding data (an empty pane collapses). */
export function visiblePanes(prefs: PanePrefs, withData: ReadonlySet<SignalPaneId>): SignalPaneId[] {
  return prefs.order.filter((p) => !prefs.hidden.includes(p) && withData.has(p))
}

type AnySeries = { moveToPane(i: number): void; applyOptions(o: object): void }

function seriesOf(s: ChartSeries, id: SignalPaneId): { series: AnySeries; left: boolean }[] {
  switch (id) {
    case 'funding':
      return [
        { series: s.fundingApr, left: false },
        { series: s.fundingPercentile, left: true },
      ]
    case 'oi':
      return [{ series: s.oiUsd, left: false }]
    case 'basis':
      return [
        { series: s.basisBps, left: false },
        { series: s.basisZ, left: true },
      ]
    case 'vpin':
      return [{ series: s.vpin, left: false }]
  }
}

/**
 * Lays the panes out: every signal series first goes back to the price pane, hidden on a scale of its own
 * (so the signal panes all disappear: lightweight-charts removes a pane its last series leaves), then each
 * visible pane's series move to the next new pane in order. Hidden series keep their data.
 */
export function applyPaneLayout(chart: IChartApi, s: ChartSeries, visible: readonly SignalPaneId[]): void {
  for (const id of SIGNAL_PANES)
    for (const { series } of seriesOf(s, id)) {
      series.applyOptions({ visible: false, priceScaleId: `parked-${id}` })
      series.moveToPane(0)
    }
  visible.forEach((id, i) => {
    const pane = i + 1
    let hasLeft = false
    for (const { series, left } of seriesOf(s, id)) {
      series.moveToPane(pane)
      series.applyOptions({ visible: true, priceScaleId: left ? 'left' : 'right' })
      hasLeft ||= left
    }
    chart.priceScale('left', pane).applyOptions({ visible: hasLeft, borderColor: COLORS.border })
  })
  const panes = chart.panes()
  panes[0]?.setStretchFactor(5)
  for (let i = 1; i < panes.length; i++) panes[i]?.setStretchFactor(1.15)
}
