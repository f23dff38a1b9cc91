/**
 * The window of bench/universe.bench.ts, on its own thread as a window is its own process: parses each
 * snapshots message (browser mode's JSON), merges it into the window's map, runs the radar's own join, scope,
 * filter and sort, and answers when done (the engine's pacer takes that as the window's acknowledgement).
 * Times are absolute (timeOrigin + now) so both threads' stamps compare.
 */
import { parentPort } from 'node:worker_threads'
import type { UniverseRow } from '../src/shared/contract/universe'
import type { MarketSnapshot } from '../src/shared/scoring/snapshot'

type Scoped = { snap: MarketSnapshot; tier: 1 | 2 }
type Row = { snap: MarketSnapshot }
const radarDir = '../src/renderer/src/radar'
const { scopedMarkets, inScope, ALL_SCOPE } = (await import(`${radarDir}/radar-scope`)) as {
  scopedMarkets: (
    s: ReadonlyMap<string, MarketSnapshot>,
    u: ReadonlyMap<string, UniverseRow>,
    w: ReadonlySet<string>,
  ) => Scoped[]
  inScope: (m: Scoped, scope: unknown) => boolean
  ALL_SCOPE: unknown
}
const { sortRows, toRadarRow, matchesFilter } = (await import(`${radarDir}/radar-model`)) as {
  sortRows: (rows: Row[], sort: { key: 'stress'; dir: 'desc' }) => Row[]
  toRadarRow: (s: MarketSnapshot, clockMs: number | null) => Row
  matchesFilter: (s: MarketSnapshot, filter: string) => boolean
}

export type ToWindow =
  { type: 'universe'; rows: UniverseRow[]; watch: string[] } | { type: 'snapshots'; wire: string }
export type FromWindow =
  | { type: 'ready' }
  | { type: 'universe-rows'; ms: number; rows: number }
  | {
      type: 'applied'
      parsedAt: number
      rowsAt: number
      rows: number
      shown: { key: string; eventCount: number; bytes: number }[]
    }

const abs = (): number => performance.timeOrigin + performance.now()
/**
 * BENCH_WINDOW_BUSY_MS: the window also stays busy this long after each batch's rows without using the
 * core (as a paint on the GPU would), to show the flow control under a slow window; 0 by default.
 */
const busyMs = Number(process.env.BENCH_WINDOW_BUSY_MS ?? 0)
const sleeper = new Int32Array(new SharedArrayBuffer(4))
let screen = new Map<string, MarketSnapshot>()
let uniByKey = new Map<string, UniverseRow>()
let watch = new Set<string>()

/** The radar screen's own steps for one render: join, scope, filter, rows, sort. */
function radarRows(): number {
  const markets = scopedMarkets(screen, uniByKey, watch).filter((m) => inScope(m, ALL_SCOPE))
  return sortRows(
    markets.filter((m) => matchesFilter(m.snap, '')).map((m) => toRadarRow(m.snap, Date.now())),
    { key: 'stress', dir: 'desc' },
  ).length
}

const port = parentPort!
port.on('message', (msg: ToWindow) => {
  if (msg.type === 'universe') {
    const t = abs()
    uniByKey = new Map(msg.rows.map((r) => [r.key, r]))
    watch = new Set(msg.watch)
    const rows = radarRows()
    port.postMessage({ type: 'universe-rows', ms: abs() - t, rows } satisfies FromWindow)
    return
  }
  const batch = (JSON.parse(msg.wire) as { payload: MarketSnapshot[] }).payload
  const parsedAt = abs()
  // The window's engine hook: a new map with the batch's markets replaced.
  const next = new Map(screen)
  for (const s of batch) next.set(s.key, s)
  screen = next
  const rows = radarRows()
  if (busyMs > 0) Atomics.wait(sleeper, 0, 0, busyMs)
  const rowsAt = abs()
  const shown = batch.map((s) => ({ key: s.key, eventCount: s.eventCount, bytes: JSON.stringify(s).length }))
  port.postMessage({ type: 'applied', parsedAt, rowsAt, rows, shown } satisfies FromWindow)
})
port.postMessage({ type: 'ready' } satisfies FromWindow)
