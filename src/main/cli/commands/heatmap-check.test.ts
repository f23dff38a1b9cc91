import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURE_START_MS, fixtureEvents, flat } from '../../../shared/heatmap/heatmap-fixtures'
import type { LiquidationEvent, MarketEvent } from '../../../shared/market-event'
import { barsImporter } from '../../engine/sessions/importers/bars'
import { SessionWriter } from '../../engine/sessions/session-writer'
import { openConfSettings } from '../../engine/settings/conf-settings'
import { parseArgs } from '../args'
import type { CommandIo } from '../command'
import { heatmapCheckCommand } from './heatmap-check'

const SYMBOL = 'BTC/USDT:USDT'

function session(events: MarketEvent[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'radar-heatmap-check-')), 's.radar')
  const w = SessionWriter.open(path, {
    label: 'heatmap check test',
    source: { kind: 'import', format: 'test', files: [] },
    provenance: 'written for the test',
    importer: null,
  })
  w.append([...events].sort((a, b) => a.exchangeTsMs - b.exchangeTsMs))
  w.close()
  return path
}

// The arithmetic below places each level at one point (no spread over the bar's range or around a
// leverage) and uses the mix 5x 15 %, 10x 30 %, 25x 25 %, 50x 20 %, 100x 10 % with a 48 h half-life.
const POINT = [
  '--price-spread',
  'point',
  '--leverage-spread',
  '0',
  '--levels',
  '5:0.15,10:0.3,25:0.25,50:0.2,100:0.1',
  '--decay-hours',
  '48',
]

async function check(path: string, extra: string[] = []) {
  let stdout = ''
  const io: CommandIo = { stdout: (t) => void (stdout += t), stderr: () => {}, readStdin: async () => '' }
  const code = await heatmapCheckCommand.run(
    parseArgs([path, ...POINT, ...extra], new Set(heatmapCheckCommand.flags)),
    io,
  )
  return { code, stdout }
}

const liq = (tsMs: number, positionSide: 'long' | 'short', price: number, usd: number): LiquidationEvent => ({
  venue: 'binanceusdm',
  symbol: SYMBOL,
  exchangeTsMs: tsMs,
  receiveTsMs: tsMs,
  type: 'liquidation',
  positionSide,
  price,
  qtyBase: usd / price,
  usd,
})

// BTC/USDT:USDT with the bundled tiers; mix 5x 15 %, 10x 30 %, 25x 25 %, 50x 20 %, 100x 10 % of a
// 5,000 USDT position: bracket 1 (mmr 0.4 %, cum 0). Bars of 1 minute at 60,000; bar 1 adds 1 contract =
// 60,000 USD, no taker volume so 30,000 per side. Cells 0.1 % × 60,000 = 60 wide.
// Longs (60,000 × (1 − 1/L) / 0.996): 25x 57,831.33 (7,500, cell 963), 50x 59,036.14 (6,000, cell 983),
// 100x 59,638.55 (3,000, cell 993); 5x 48,192.77 and 10x 54,216.87 lie outside ±5 %.
// Shorts (60,000 × (1 + 1/L) / 1.004): 100x 60,358.57, 50x 60,956.18 (cell 1015), 25x 62,151.39 (cell 1035).
// ±5 % of 60,000 = [57,000, 63,000] = cells 950..1050, 101 cells. Per side 3 filled cells in range; top 20 %
// → ceil(0.6) = 1 dense cell: 963 for longs, 1035 for shorts.
const T2 = FIXTURE_START_MS + 2 * 60_000
const MAP_BARS = [flat(60_000, { oiBase: 100 }), flat(60_000, { oiBase: 101 }), flat(60_000, { oiBase: 101 })]
const LIQUIDATIONS = [
  liq(T2 + 1_000, 'long', 57_800, 10_000), // cell 963: dense; 0.054 % from the 25x cluster: hit
  liq(T2 + 2_000, 'long', 59_000, 5_000), // cell 983: filled, not dense; 0.061 % from 59,036: hit
  liq(T2 + 3_000, 'short', 61_500, 2_000), // cell 1025: empty; nearest short clusters 0.88 % / 1.06 % away: miss
  liq(T2 + 4_000, 'long', 50_000, 1_000), // below 57,000: outside the range
]

/** Hourly bars at 100 falling to 99.5, 98.5, 97.5, 95.5 in bars 2–5, OI in USD, realized long totals. */
function barsCsv(): string {
  const header =
    'timestamp,price_open,price_high,price_low,price_close,liquidation_long_usd,liquidation_short_usd,oi_close'
  const t0 = Date.UTC(2026, 2, 1)
  const rows = [
    [0, 100, 100, 100, 100, 7, 0, 100_000],
    [1, 100, 100, 100, 100, 0, 0, 101_000],
    [2, 100, 100, 99.5, 100, 1_000, 0, 101_000],
    [3, 100, 100, 98.5, 100, 4_000, 0, 101_000],
    [4, 100, 100, 97.5, 100, 2_000, 0, 101_000],
    [5, 100, 100, 95.5, 100, 3_000, 0, 101_000],
  ].map(([k, ...v]) => [t0 + k! * 3_600_000, ...v].join(','))
  const path = join(mkdtempSync(join(tmpdir(), 'radar-heatmap-bars-')), 'bars.csv')
  writeFileSync(path, [header, ...rows].join('\n'))
  return path
}

describe('radar heatmap-check', () => {
  it('scores realized liquidations against the map as it stood before them', async () => {
    const path = session([...fixtureEvents(MAP_BARS, FIXTURE_START_MS, 60_000, SYMBOL), ...LIQUIDATIONS])
    const r = await check(path, ['--json'])
    expect(r.code).toBe(0)
    const m = JSON.parse(r.stdout).markets[0]
    expect(m.key).toBe(`binanceusdm:${SYMBOL}`)
    expect([m.liquidations, m.evaluated, m.outsideRange, m.noMap]).toEqual([4, 3, 1, 0])
    // captured 10,000; uniform: (10,000 + 5,000 + 2,000) × 1/101 = 168.3168; lift 10,000 / 168.3168 = 59.41
    expect(m.capturedUsd).toBe(10_000)
    expect(m.uniformExpectedUsd).toBeCloseTo(168.3168, 3)
    expect(m.lift).toBeCloseTo(59.41, 2)
    // hits 2 of 3; by USD 15,000 / 17,000 = 0.88235
    expect(m.hitRate).toBeCloseTo(2 / 3, 9)
    expect(m.hitRateUsd).toBeCloseTo(0.88235, 4)
    // uniform: w = 2 × p × 0.5 % / 6,000, 1 − (1 − w)^5 with 5 clusters per side:
    // 57,800: w 0.096333 → 0.397381; 59,000: 0.098333 → 0.404022; 61,500: 0.1025 → 0.417666; mean 0.406356
    expect(m.uniformHitRate).toBeCloseTo(0.406356, 4)
    const text = await check(path)
    expect(text.stdout).toContain('lift 59.41')
    expect(text.stdout).toContain('2 of 3 liquidations (66.7 %, 88.2 % of USD)')
  })

  it('does not look ahead: a liquidation before the map exists is not scored', async () => {
    // the liquidation comes during bar 1, before the bar that opens the positions has closed
    const path = session([
      ...fixtureEvents(MAP_BARS, FIXTURE_START_MS, 60_000, SYMBOL),
      liq(FIXTURE_START_MS + 60_000 + 5_000, 'long', 57_800, 10_000),
    ])
    const m = JSON.parse((await check(path, ['--json'])).stdout).markets[0]
    expect([m.evaluated, m.noMap, m.lift]).toEqual([0, 1, null])
  })

  it('says so when the session holds no realized liquidations', async () => {
    const path = session(fixtureEvents(MAP_BARS, FIXTURE_START_MS, 60_000, SYMBOL))
    const r = await check(path)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('this session holds no realized liquidations')
    // and still summarizes the estimate: ±1 % of 60,000 holds the 100x levels, 3,000 + 3,000, decayed for
    // the one bar after them by the 48 h half-life: 6,000 × 2^(−60 / 172,800) = 5,998.56 → 5,999
    expect(r.stdout).toContain('±1 % 5,999 USD')
  })

  it('names in --json every market it did not score and why', async () => {
    const spot = fixtureEvents([flat(60_000)], FIXTURE_START_MS, 60_000, 'BTC/USDT')
    const noTiers = fixtureEvents([flat(1, { oiBase: 5 })], FIXTURE_START_MS, 60_000, 'NOTIERS/USDT:USDT')
    const path = session([...fixtureEvents(MAP_BARS, FIXTURE_START_MS, 60_000, SYMBOL), ...spot, ...noTiers])
    const out = JSON.parse((await check(path, ['--json'])).stdout)
    expect(out.settings).toBe('built-in defaults')
    expect(out.skippedMarkets).toEqual([
      { key: 'binanceusdm:BTC/USDT', reason: 'spot market: no leveraged positions to map' },
      { key: `binanceusdm:${SYMBOL}`, reason: 'no realized liquidation events to check against' },
      { key: 'binanceusdm:NOTIERS/USDT:USDT', reason: 'no maintenance-margin tiers for this market' },
    ])
    expect(out.barCheck.skippedMarkets).toContainEqual({
      key: `binanceusdm:${SYMBOL}`,
      reason: 'no liquidation bars (realized totals per bar) to check against',
    })
  })

  it('says so when the session has no open interest', async () => {
    const path = session(fixtureEvents([flat(60_000), flat(60_100)], FIXTURE_START_MS, 60_000, SYMBOL))
    expect((await check(path)).stdout).toContain('this session has none')
  })

  it('rejects a bad option with a usage error', async () => {
    await expect(check('x.radar', ['--dense-share', '2'])).rejects.toThrow(/--dense-share 2 is out of range/)
  })

  it('checks a bars CSV by bar: ρ of the map and of the move against realized totals', async () => {
    // Hourly bars at 100 (bundled BTC tiers: bracket 1, mmr 0.4 %): bar 1 opens 10 contracts = 1,000 USD,
    // 500 per side; longs 100x 30 % at 100 × 0.99 / 0.996 = 99.398, 50x 10 % at 98.394, 25x 20 % at 96.386,
    // 10x 40 % at 90.361. Bars 2–5 fall from 100 to 99.5, 98.5, 97.5, 95.5: the map between low and open
    // holds 0, 150, 50, 100 (decay scales all alike). Bar 1 itself: map 0, move 0. Bar 0: no map, skipped.
    // Realized longs 0, 1,000, 4,000, 2,000, 3,000 → ranks 1, 2, 5, 3, 4; map ranks 1.5, 1.5, 5, 3, 4:
    // ρ = 9.5 / √(9.5 × 10) = 0.974679. Moves 0, 0.5, 1.5, 2.5, 4.5 % rank 1…5: Σd² = 6, ρ = 1 − 36/120 = 0.7.
    const path = barsCsv()
    const args = [
      '--venue',
      'binanceusdm',
      '--symbol',
      'BTC/USDT:USDT',
      '--levels',
      '10:0.4,25:0.2,50:0.1,100:0.3',
      '--warmup-bars',
      '0',
      '--draws',
      '50',
      '--json',
    ]
    const out = JSON.parse((await check(path, args)).stdout)
    const m = out.barCheck.markets[0]
    expect(m.key).toBe('binanceusdm:BTC/USDT:USDT')
    expect(m.long.bars).toBe(5)
    expect(m.long.rhoMap).toBeCloseTo(0.974679, 5)
    expect(m.long.rhoMove).toBeCloseTo(0.7, 12)
    expect(m.long.rhoMoveOi).toBeCloseTo(0.7, 12)
    expect(m.skipped).toEqual({ 'no map yet: no open interest or price before this bar': 1 })
    // Shorts: realized all 0, no ρ.
    expect(m.short.rhoMap).toBeNull()
    const text = (await check(path, args.slice(0, -1))).stdout
    expect(text).toContain('Spearman ρ map 0.975')
  })

  it('runs the map with the heatmap assumptions saved in --user-data', async () => {
    // The bars of the CSV test above, with the same mix taken from the user's settings instead of --levels:
    // the same ρ, 0.974679.
    const path = barsCsv()
    const userData = mkdtempSync(join(tmpdir(), 'radar-heatmap-settings-'))
    const levels = [
      { leverage: 10, weight: 0.4 },
      { leverage: 25, weight: 0.2 },
      { leverage: 50, weight: 0.1 },
      { leverage: 100, weight: 0.3 },
    ]
    openConfSettings(userData).update({
      heatmap: {
        levels,
        cellPct: 0.1,
        decayHalfLifeHours: 48,
        positionNotionalUsd: 5_000,
        leverageSpread: 0,
        priceSpread: 'point',
      },
    })
    let stdout = ''
    const io: CommandIo = { stdout: (t) => void (stdout += t), stderr: () => {}, readStdin: async () => '' }
    const argv = [path, '--venue', 'binanceusdm', '--symbol', 'BTC/USDT:USDT', '--user-data', userData]
    const extra = ['--warmup-bars', '0', '--draws', '50', '--json']
    await heatmapCheckCommand.run(parseArgs([...argv, ...extra], new Set(heatmapCheckCommand.flags)), io)
    const out = JSON.parse(stdout)
    expect(out.heatmap.levels).toEqual(levels)
    expect(out.barCheck.markets[0].long.rhoMap).toBeCloseTo(0.974679, 5)
  })

  it('checks a session by bar with the same figures as its bars file', async () => {
    // The bars of the CSV test imported into a session: the Evidence screen's path (sessionBarCheck).
    const imported = await barsImporter.run([barsCsv()], { venue: 'binanceusdm', symbol: SYMBOL })
    const path = session(imported.events)
    const args = ['--levels', '10:0.4,25:0.2,50:0.1,100:0.3', '--warmup-bars', '0', '--draws', '50', '--json']
    const bars = JSON.parse((await check(path, args)).stdout).barCheck
    expect(bars.unavailableReason).toBeNull()
    expect(bars.markets[0].long.rhoMap).toBeCloseTo(0.974679, 5)
    expect(bars.markets[0].long.rhoMove).toBeCloseTo(0.7, 12)
  })
})
