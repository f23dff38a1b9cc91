/**
 * The scoring worker's cost of a warm start's liquidation-map seed for a 20-market watchlist: each market's
 * 30 days of 5-minute open interest and candles go through the app's scoring pipeline (scores + the map) as the
 * live source hands them over (one time-ordered batch per market, at most 2,000 events per flush), and the
 * bench reports CPU time, RSS and the wall time until every market's map is full (its liquidation proximity is
 * sufficient).
 *
 * Input: the two real Binance BTCUSDT 5-minute files of ../shared/data/btc-derivatives-2026 (2026-05-25 to
 * 06-22, 28 days; open interest in USD, perp klines; their overlap read once). The file has no traded volume, so
 * the seed carries no taker split. SYNTHETIC where replicated: the same bars serve all 20 markets, each under
 * its own symbol with BTC's leverage tiers.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TiersLookup } from '../src/shared/radar-core'
import type { CandleEvent, MarketEvent, OpenInterestEvent } from '../src/shared/market-event'
import { DEFAULT_PIPELINE_CONFIG, ScoringPipeline } from '../src/shared/scoring/scoring-pipeline'
import { bundledTiersLookup } from '../src/main/engine/scoring/tiers-lookup'
import { SHARED_DATA, machineLoad } from './bench-env'

const MARKETS = 20
const FLUSH_EVENTS = 2000
const FILES = ['btc_binance_5m_2026-05-25_2026-06-08.csv', 'btc_binance_5m_2026-06-07_2026-06-22.csv']

interface Bar {
  openMs: number
  o: number
  h: number
  l: number
  c: number
  oiUsd: number
}

function readBars(): Bar[] {
  const byTs = new Map<number, Bar>()
  for (const file of FILES) {
    const lines = readFileSync(join(SHARED_DATA, 'btc-derivatives-2026', file), 'utf8')
      .trim()
      .split('\n')
    const col = new Map(lines[0]!.split(',').map((h, i) => [h, i]))
    const at = (f: string[], name: string) => Number(f[col.get(name)!])
    for (const line of lines.slice(1)) {
      const f = line.split(',')
      const bar = {
        openMs: at(f, 'timestamp'),
        o: at(f, 'price_open'),
        h: at(f, 'price_high'),
        l: at(f, 'price_low'),
        c: at(f, 'price_close'),
        oiUsd: at(f, 'oi_close'),
      }
      if (Object.values(bar).every(Number.isFinite)) byTs.set(bar.openMs, bar)
    }
  }
  return [...byTs.values()].sort((a, b) => a.openMs - b.openMs)
}

/** One market's seed: per bar the OI reading at the bar's close, then the candle, in time order. */
function seedEvents(symbol: string, bars: readonly Bar[]): MarketEvent[] {
  const out: MarketEvent[] = []
  for (const b of bars) {
    const close = b.openMs + 300_000
    const base = { venue: 'binanceusdm' as const, symbol, receiveTsMs: close }
    const candle: CandleEvent = {
      ...base,
      type: 'candle',
      exchangeTsMs: close,
      priceKind: 'last',
      intervalSec: 300,
      openTsMs: b.openMs,
      open: b.o,
      high: b.h,
      low: b.l,
      close: b.c,
      volumeBase: null,
      volumeUsd: null,
    }
    const oi: OpenInterestEvent = {
      ...base,
      type: 'openInterest',
      exchangeTsMs: close,
      oiContracts: b.oiUsd / b.c,
      oiBase: b.oiUsd / b.c,
      oiUsd: b.oiUsd,
    }
    out.push(candle, oi)
  }
  return out
}

export async function seedCostBench(): Promise<void> {
  const bars = readBars()
  const days = (bars[bars.length - 1]!.openMs + 300_000 - bars[0]!.openMs) / 86_400_000
  const symbols = Array.from({ length: MARKETS }, (_, i) => `SEED${i + 1}/USDT:USDT`)
  const btc = bundledTiersLookup()('binanceusdm', 'BTC/USDT:USDT')
  const tiersFor: TiersLookup = () => btc
  global.gc?.()
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20
  const heapBeforeMb = process.memoryUsage().heapUsed / 2 ** 20
  const load = machineLoad()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const pipeline = new ScoringPipeline({ config: DEFAULT_PIPELINE_CONFIG, tiersFor })
  let peakRssMb = rssBeforeMb
  let perMarket = 0
  for (const symbol of symbols) {
    // Built per market as its history arrives, so the bench holds one market's seed at a time as the app does.
    const events = seedEvents(symbol, bars)
    perMarket = events.length
    for (let i = 0; i < events.length; i += FLUSH_EVENTS) {
      pipeline.push(events.slice(i, i + FLUSH_EVENTS))
      peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 2 ** 20)
      // The worker answers between flushes; yielding here lets a timer in this process run as the host's would.
      await new Promise((r) => setImmediate(r))
    }
  }
  const full = symbols.every(
    (s) => pipeline.snapshot(`binanceusdm:${s}`)?.metrics['liq-prox-above-usd']?.sufficient === true,
  )
  const wallMs = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const cpuS = (cpu.user + cpu.system) / 1e6
  global.gc?.()
  const rssAfterMb = process.memoryUsage().rss / 2 ** 20
  const heapAfterMb = process.memoryUsage().heapUsed / 2 ** 20
  process.stdout.write(
    `\nliquidation-map seed, ${MARKETS} markets (SYNTHETIC: one real 28-day BTC file replicated), ${load}\n` +
      `  per market ${bars.length} five-minute bars (${days.toFixed(1)} d: OI + candle, no taker split), ${perMarket} events; ${MARKETS * perMarket} in all\n` +
      `  every map full: ${full ? 'yes' : 'NO'} after ${(wallMs / 1000).toFixed(2)} s wall, ${cpuS.toFixed(2)} s CPU ` +
      `(${((MARKETS * perMarket) / cpuS).toFixed(0)} events per CPU-second)\n` +
      `  RSS ${rssBeforeMb.toFixed(0)} MB before, peak ${peakRssMb.toFixed(0)} MB, ${rssAfterMb.toFixed(0)} MB after GC ` +
      `(JS heap +${(heapAfterMb - heapBeforeMb).toFixed(0)} MB held for ${MARKETS} seeded markets)\n`,
  )
  for (const s of symbols.slice(0, 1)) {
    const m = pipeline.snapshot(`binanceusdm:${s}`)!.metrics
    process.stdout.write(
      `  ${s}: liq-prox-below-usd ${m['liq-prox-below-usd']?.value?.toExponential(3) ?? `n/a (${m['liq-prox-below-usd']?.reason})`}, ` +
        `oi-roc-7d ${m['oi-roc-7d']?.sufficient ? m['oi-roc-7d']!.value!.toFixed(4) : `n/a (${m['oi-roc-7d']?.reason})`}\n`,
    )
  }
}
