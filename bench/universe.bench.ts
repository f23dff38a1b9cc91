/**
 * The whole perp market at a glance, under load: the universe (tier 1) of the local exchange emulator's three
 * venues read through the radar's own bulk-endpoint path, replicated to 1,200 markets (SYNTHETIC: the
 * emulator replicates recorded markets across the listed perps, and this bench replicates its rows again
 * under made-up symbols to reach the goal's count), beside 60 watchlist markets (tier 2) fed recorded
 * Binance trades. Measures on one core: the universe refresh, scoring the universe's events, RSS, and
 * snapshot -> screen rows (every market's snapshot, its JSON crossing to the window, and the radar's
 * join / filter / sort into rows; the DOM paint of the 200 drawn rows is not in it). Prints figures; never
 * passes or fails.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { machineLoad, SHARED_DATA } from './bench-env'
import { startEmulator } from '../src/main/engine/emulator/emulator'
import { UniverseService } from '../src/main/engine/connectors/universe/universe-service'
import { universeEvents } from '../src/main/engine/connectors/universe/universe-events'
import type { UniverseRow } from '../src/shared/contract/universe'
import type { MarketEvent, TradeEvent } from '../src/shared/market-event'
import type { MarketSnapshot } from '../src/shared/scoring/snapshot'
import { defaultSettings } from '../src/shared/settings'
import { applyEvents, createScoringState, snapshotMarket } from '../src/shared/scoring/scoring-state'

// The radar's own join and sort (pure modules of the renderer, outside the node typecheck's file list).
type Row = { snap: MarketSnapshot }
const radarDir = '../src/renderer/src/radar'
const { scopedMarkets } = (await import(`${radarDir}/radar-scope`)) as {
  scopedMarkets: (
    s: ReadonlyMap<string, MarketSnapshot>,
    u: ReadonlyMap<string, UniverseRow>,
    w: ReadonlySet<string>,
  ) => { snap: MarketSnapshot; tier: 1 | 2 }[]
}
const { sortRows, toRadarRow } = (await import(`${radarDir}/radar-model`)) as {
  sortRows: (rows: Row[], sort: { key: 'stress'; dir: 'desc' }) => Row[]
  toRadarRow: (s: MarketSnapshot, clockMs: number | null) => Row
}

const N_TIER1 = 1200
const N_TIER2 = 60
const out = (line: string): void => void process.stdout.write(`${line}\n`)
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!

// ---- 1. the universe through the radar's own path (ccxt, bulk endpoints) against the emulator
const emu = await startEmulator()
const settings = {
  ...defaultSettings(),
  venues: ['binanceusdm', 'bybit', 'okx'],
  baseUrls: Object.fromEntries(['binanceusdm', 'bybit', 'okx'].map((v) => [v, { rest: emu.restUrl }])),
}
const svc = new UniverseService({
  settings: () => settings,
  ingest: () => {},
  publish: () => {},
  log: () => {},
})
let t = process.hrtime.bigint()
svc.start()
await svc.refresh()
const firstMs = ms(t)
t = process.hrtime.bigint()
await svc.refresh()
const againMs = ms(t)
const fetched = svc.view().rows
svc.stop()
await emu.close()
out(
  `universe.refresh: ${fetched.length} perps from 3 venues (emulator), first ${(firstMs / 1000).toFixed(2)} s (listings + bulk calls), next ${(againMs / 1000).toFixed(2)} s`,
)

// ---- 2. 1,200 tier-1 rows (SYNTHETIC beyond the fetched ones) and 60 tier-2 markets with trades
const tier1: UniverseRow[] = Array.from({ length: N_TIER1 }, (_, i) => {
  const r = fetched[i % fetched.length]!
  if (i < fetched.length) return r
  const symbol = `SYN${i}/USDT:USDT`
  return { ...r, symbol, key: `${r.venue}:${symbol}`, base: `SYN${i}` }
})
const trades: TradeEvent[] = []
const file = join(SHARED_DATA, 'binance-ws', 'usdm', 'btcusdt_20240808.gz')
for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
  if (!line.includes('@trade')) continue
  const d = (
    JSON.parse(line.slice(line.indexOf(' ') + 1)) as {
      data: { T: number; p: string; q: string; m: boolean; t: number }
    }
  ).data
  trades.push({
    type: 'trade',
    venue: 'binanceusdm',
    symbol: 'BTC/USDT:USDT',
    exchangeTsMs: d.T,
    receiveTsMs: d.T,
    price: Number(d.p),
    qtyBase: Number(d.q),
    takerSide: d.m ? 'sell' : 'buy',
    tradeId: String(d.t),
  })
}
const perTier2 = trades.filter((_, i) => i % 20 === 0)
const rssBefore = process.memoryUsage().rss
const state = createScoringState()
t = process.hrtime.bigint()
const uniEvents = universeEvents(tier1, new Set(), Date.now())
applyEvents(state, uniEvents)
const applyUniMs = ms(t)
t = process.hrtime.bigint()
const tier2Keys: string[] = []
for (let i = 0; i < N_TIER2; i++) {
  const symbol = `W${i}/USDT:USDT`
  tier2Keys.push(`binanceusdm:${symbol}`)
  applyEvents(state, perTier2.map((e) => ({ ...e, symbol })) as MarketEvent[])
}
const applyT2Ms = ms(t)
globalThis.gc?.()
const rss = process.memoryUsage().rss
out(
  `universe.scoring_load: ${tier1.length} tier-1 markets (${uniEvents.length} events) in ${applyUniMs.toFixed(0)} ms; ${N_TIER2} tier-2 markets × ${perTier2.length} trades in ${(applyT2Ms / 1000).toFixed(1)} s`,
)
out(
  `universe.rss: ${(rss / 2 ** 20).toFixed(0)} MiB (process, after GC; ${((rss - rssBefore) / 2 ** 20).toFixed(0)} MiB for the scoring state); goal < 1,536 MiB`,
)

// ---- 3. snapshot -> screen rows: snapshot every market, serialise (the IPC hop), join, filter and sort
const keys = [...state.markets.keys()]
const uniByKey = new Map(tier1.map((r) => [r.key, r]))
const watch = new Set(tier2Keys)
const sample = keys.map((k) => snapshotMarket(state, k)).filter((x) => x !== null)
const bytes = JSON.stringify(sample).length
out(
  `universe.snapshot_bytes: ${(bytes / 2 ** 20).toFixed(1)} MiB of JSON for ${sample.length} snapshots (${(bytes / sample.length / 1024).toFixed(1)} KiB each)`,
)
const rounds: number[] = []
const parts = { snap: [] as number[], json: [] as number[], rows: [] as number[] }
for (let r = 0; r < 25; r++) {
  const t0 = process.hrtime.bigint()
  const snaps = keys.map((k) => snapshotMarket(state, k)).filter((x): x is MarketSnapshot => x !== null)
  const t1 = process.hrtime.bigint()
  const crossed = JSON.parse(JSON.stringify(snaps)) as MarketSnapshot[]
  const t2 = process.hrtime.bigint()
  const markets = scopedMarkets(new Map(crossed.map((s) => [s.key, s])), uniByKey, watch)
  const rows = sortRows(
    markets.map((m) => toRadarRow(m.snap, Date.now())),
    { key: 'stress', dir: 'desc' },
  )
  if (rows.length < N_TIER1) throw new Error(`only ${rows.length} rows`)
  const t3 = process.hrtime.bigint()
  if (r < 3) continue // warm-up
  parts.snap.push(Number(t1 - t0) / 1e6)
  parts.json.push(Number(t2 - t1) / 1e6)
  parts.rows.push(Number(t3 - t2) / 1e6)
  rounds.push(Number(t3 - t0) / 1e6)
}
out(
  `universe.snapshot_to_rows_p95: ${p95(rounds).toFixed(1)} ms for ${keys.length} markets (snapshot ${p95(parts.snap).toFixed(1)}, JSON hop ${p95(parts.json).toFixed(1)}, join + sort ${p95(parts.rows).toFixed(1)}); goal < 100 ms (DOM paint of the drawn rows not included)`,
)
out(`universe.machine: ${machineLoad()}`)
