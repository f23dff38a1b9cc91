import type { EngineStatus } from './engine-status'
import type { LongShortKind } from './market-event'
import { METRICS } from './scoring/metric-definitions'
import type { MetricId } from './scoring/metric-registry'

/**
 * Which history each metric rests on, so a metric still short of data while its venue backfills says
 * "warming: OI history 40 %" (or "history refused: <the venue's answer>") instead of a bare n/a.
 *
 * The connectors report one task per history and market, named `<venue> <symbol> <task>` (warm-history.ts,
 * history.ts, the venue adapters); `historyKindOf` reads the task part, the tables below say which kinds
 * feed which metric. A venue that has no such history (Bybit has no OI history endpoint) reports no task of
 * that kind, so its metrics wait on nothing here and show their own reason.
 */
export type HistoryKind =
  'funding' | 'open-interest' | 'taker-volume' | `long-short:${LongShortKind}` | 'candles' | 'trades'

/** The kind of a reported task name ("open interest history", "5m candles", "globalAccounts long/short history"). */
export function historyKindOf(task: string): HistoryKind | null {
  if (task.endsWith('funding history')) return 'funding'
  if (task.endsWith('open interest history')) return 'open-interest'
  if (task.endsWith('taker volume history')) return 'taker-volume'
  const ls = /(globalAccounts|topAccounts|topPositions) long\/short history$/.exec(task)
  if (ls) return `long-short:${ls[1] as LongShortKind}`
  if (task.endsWith(' candles')) return 'candles'
  if (task.endsWith('trades')) return 'trades'
  return null
}

/** A trader's name for a task: "OI history", "L/S history (top positions)"; the task's own words otherwise. */
export function historyTaskName(task: string): string {
  const ls = /(globalAccounts|topAccounts|topPositions) long\/short history$/.exec(task)
  if (ls) {
    const who = { globalAccounts: 'accounts', topAccounts: 'top accounts', topPositions: 'top positions' }
    return `L/S history (${who[ls[1] as LongShortKind]})`
  }
  return task.replace('open interest', 'OI')
}

/**
 * The liquidation map is seeded from the backfill window's OI, candles, taker split and trades, so the map and
 * everything read from it (cluster proximity, the stress index's liquidation part, scenarios) waits on all four.
 */
export const MAP_SEED: readonly HistoryKind[] = ['open-interest', 'candles', 'taker-volume', 'trades']
const OI: readonly HistoryKind[] = ['open-interest']
const FUNDING: readonly HistoryKind[] = ['funding']
const CANDLES: readonly HistoryKind[] = ['candles']
// VPIN sizes its buckets from the 24 h candles' volume and fills its window from the backfilled trades.
const VPIN: readonly HistoryKind[] = ['candles', 'trades']

/** Metrics computed from history directly. */
export const METRIC_HISTORY: Partial<Record<MetricId, readonly HistoryKind[]>> = {
  'funding-percentile': FUNDING,
  'funding-zscore': FUNDING,
  'funding-traj-4h': FUNDING,
  'funding-traj-8h': FUNDING,
  'funding-traj-24h': FUNDING,
  'funding-accel': FUNDING,
  'funding-persistence': FUNDING,
  'oi-contracts': OI,
  'oi-usd': OI,
  'oi-roc-4h': OI,
  'oi-roc-24h': OI,
  'oi-roc-7d': OI,
  'oi-drawdown-24h': OI,
  'oi-mcap': OI,
  'oi-mcap-z': OI,
  'oi-change-vs-vol': ['open-interest', 'candles'],
  'funding-spend': OI,
  'ls-global': ['long-short:globalAccounts'],
  'ls-top-accounts': ['long-short:topAccounts'],
  'ls-top-positions': ['long-short:topPositions'],
  vpin: VPIN,
  'vpin-cdf': VPIN,
  'vpin-buckets': VPIN,
  'vpin-bucket-size': VPIN,
  'vol-short': CANDLES,
  'vol-long': CANDLES,
  'vol-ratio': CANDLES,
  'corr-ref': CANDLES,
  'price-change-24h': CANDLES,
  'liq-prox-above-price': MAP_SEED,
  'liq-prox-above-usd': MAP_SEED,
  'liq-prox-below-price': MAP_SEED,
  'liq-prox-below-usd': MAP_SEED,
  'liq-prox-1pct-usd': MAP_SEED,
  'liq-prox-2pct-usd': MAP_SEED,
  'cluster-distance': MAP_SEED,
}

const LSI_PARTS: readonly MetricId[] = ['lsi-c-funding', 'lsi-c-oi', 'lsi-c-liq', 'lsi-c-vol']
const CROWDING_INPUTS: readonly MetricId[] = ['funding-percentile', 'ls-global', 'basis-z']

/** Composites and the metrics they are built from (composites/*.ts); their tasks are their inputs' tasks. */
export const COMPOSITE_INPUTS: Partial<Record<MetricId, readonly MetricId[]>> = {
  'lsi-c-funding': ['funding-percentile'],
  'lsi-c-oi': ['oi-roc-24h'],
  'lsi-c-liq': ['liq-prox-2pct-usd'],
  'lsi-c-vol': ['vol-ratio'],
  'lsi-own': LSI_PARTS,
  lsi: LSI_PARTS,
  'lsi-p-long-4h': LSI_PARTS,
  'lsi-p-short-4h': LSI_PARTS,
  'lsi-self-pct': LSI_PARTS,
  crowding: CROWDING_INPUTS,
  fragility: ['crowding', 'lsi-c-oi', 'lsi-c-liq', 'vpin-cdf'],
  'squeeze-long': ['crowding', 'vpin-cdf', 'lsi-c-vol'],
  'squeeze-short': ['crowding', 'vpin-cdf', 'lsi-c-vol'],
  tradeability: ['vpin-cdf', 'lsi-c-vol', 'depth-ratio-1', 'lsi-c-funding'],
  'pillar-liquidation': ['liq-prox-2pct-usd'],
  'pillar-funding': ['funding-accel'],
  'pillar-toxicity': ['vpin-cdf'],
  'risk-pillars': ['pillar-liquidation', 'pillar-funding', 'pillar-toxicity'],
}

/**
 * Metrics that rest on no backfilled history: live streams (books, marks, realized liquidations, the spot
 * pairing), settings, or the market itself. Listed so every registry id is placed in one of the three tables.
 */
export const LIVE_ONLY: readonly MetricId[] = [
  'funding-rate',
  'funding-rate-per-hour',
  'funding-apr',
  'funding-interval',
  'funding-diff-venues',
  'liq-long-5m',
  'liq-short-5m',
  'liq-long-1h',
  'liq-short-1h',
  'liq-long-24h',
  'liq-short-24h',
  'basis-bps',
  'basis-apr',
  'basis-z',
  'basis-ma-fast',
  'basis-ma-slow',
  'basis-half-life',
  'depth-ratio-0p5',
  'depth-ratio-1',
  'depth-ratio-2',
  'freshness',
  'market',
  'last-price',
  'setup-tag',
]

/** Every history kind a metric waits on, through its inputs for a composite. */
export function historyKindsOf(id: MetricId): HistoryKind[] {
  const out = new Set<HistoryKind>(METRIC_HISTORY[id] ?? [])
  for (const input of COMPOSITE_INPUTS[id] ?? []) for (const k of historyKindsOf(input)) out.add(k)
  return [...out]
}

type Task = NonNullable<EngineStatus['venues'][number]['backfill']>[number]

/** One reported history task of a market, by its trader's name. */
export interface MarketTask {
  kind: HistoryKind | null
  name: string
  fraction: number
  done: boolean
  error?: string
}

// Parsed once per status object: every cell of every row reads the same status.
const parsed = new WeakMap<EngineStatus, Map<string, MarketTask[]>>()

/** A market's history tasks from its venue's backfill (`<venue> <symbol> <task>`), in the order reported. */
export function marketTasks(status: EngineStatus | null, marketKey: string): MarketTask[] {
  if (status?.source.kind !== 'live') return []
  let byKey = parsed.get(status)
  if (!byKey) {
    byKey = new Map()
    for (const v of status.venues)
      for (const t of v.backfill ?? []) {
        const [, symbol, ...rest] = t.task.split(' ')
        if (!symbol || rest.length === 0) continue
        const key = `${v.venue}:${symbol}`
        const list = byKey.get(key) ?? []
        list.push(toMarketTask(rest.join(' '), t))
        byKey.set(key, list)
      }
    parsed.set(status, byKey)
  }
  return byKey.get(marketKey) ?? []
}

function toMarketTask(name: string, t: Task): MarketTask {
  const out: MarketTask = {
    kind: historyKindOf(name),
    name: historyTaskName(name),
    fraction: t.fraction,
    done: t.done,
  }
  if (t.error !== undefined) out.error = t.error
  return out
}

/** Why a metric has no value yet, from the history it rests on; null when none of it is loading or refused. */
export type MetricWarming =
  | { state: 'warming'; loading: MarketTask[]; refused: MarketTask[]; inputs: MetricId[] }
  | { state: 'refused'; loading: []; refused: MarketTask[]; inputs: MetricId[] }

/**
 * The warming state of one metric of one market. `inputs` names a composite's inputs that still wait on
 * history (loading or refused), so the composite can say which. Says nothing about whether the metric has a
 * value: the cell shows it only while the metric is not sufficient.
 */
export function metricWarming(
  status: EngineStatus | null,
  marketKey: string,
  id: MetricId,
): MetricWarming | null {
  const w = historyWarming(status, marketKey, historyKindsOf(id))
  if (!w) return null
  const open = (t: MarketTask): boolean => !t.done || t.error !== undefined
  const inputs = (COMPOSITE_INPUTS[id] ?? []).filter((input) => {
    const theirs = new Set(historyKindsOf(input))
    return [...w.loading, ...w.refused].some((t) => t.kind !== null && theirs.has(t.kind) && open(t))
  })
  return { ...w, inputs }
}

/** The same for anything resting on the given kinds of history (the liquidation map: `MAP_SEED`). */
export function historyWarming(
  status: EngineStatus | null,
  marketKey: string,
  kinds: readonly HistoryKind[],
): MetricWarming | null {
  if (kinds.length === 0) return null
  const mine = marketTasks(status, marketKey).filter((t) => t.kind !== null && kinds.includes(t.kind))
  const loading = loadingFirst(mine.filter((t) => !t.done))
  const refused = mine.filter((t) => t.error !== undefined)
  if (loading.length === 0 && refused.length === 0) return null
  return loading.length > 0
    ? { state: 'warming', loading, refused, inputs: [] }
    : { state: 'refused', loading: [], refused, inputs: [] }
}

/**
 * Tasks not done, the one under way first: a venue loads them one after another, and those announced but not
 * started (0 %) wait behind it, whatever order they were announced in.
 */
export function loadingFirst(tasks: MarketTask[]): MarketTask[] {
  return [...tasks].sort((a, b) => Number(b.fraction > 0) - Number(a.fraction > 0))
}

const pct = (fraction: number): string => `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)} %`

/**
 * The cell's text in the market view: "warming: OI history 40 %" (the task loading now, and how many more
 * the metric waits on), or "history refused: <the venue's answer>".
 */
export function warmingText(w: MetricWarming): string {
  if (w.state === 'refused') {
    const first = w.refused[0] as MarketTask
    const more = w.refused.length > 1 ? ` (+${w.refused.length - 1} more)` : ''
    return `history refused: ${first.error}${more}`
  }
  const now = w.loading[0] as MarketTask
  const more = w.loading.length > 1 ? `, ${w.loading.length - 1} more` : ''
  return `warming: ${now.name} ${pct(now.fraction)}${more}`
}

/** The radar row's short form: "warming 40 %" or "refused" (the tooltip carries `warmingNote`). */
export function warmingShortText(w: MetricWarming): string {
  return w.state === 'refused' ? 'refused' : `warming ${pct((w.loading[0] as MarketTask).fraction)}`
}

/** The tooltip line: every task the metric waits on, what the venue refused, and a composite's inputs. */
export function warmingNote(w: MetricWarming): string {
  const parts: string[] = []
  if (w.loading.length > 0)
    parts.push(`warming: ${w.loading.map((t) => `${t.name} ${pct(t.fraction)}`).join(', ')}`)
  for (const t of w.refused) parts.push(`${t.name} refused: ${t.error}`)
  if (w.inputs.length > 0)
    parts.push(`inputs waiting on history: ${w.inputs.map((id) => METRICS[id].name).join(', ')}`)
  return parts.join('; ')
}
