import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findResourcesDir, loadBundledTiers, loadTiersSnapshotFile } from './bundled-tiers'

const SOURCE = resolve(__dirname, '../../../../../shared/data/leverage-tiers/binance_leverage_tiers.json')

/** A snapshot file's text around the given markets. */
const snapshotWith = (markets: Record<string, unknown>): string =>
  JSON.stringify({
    venue: 'binanceusdm',
    snapshotDate: '2024-10-24',
    source: 's',
    lotSizeNote: 'n',
    tierColumns: ['minNotional', 'maxNotional', 'maintenanceMarginRate', 'maxLeverage', 'cum'],
    markets,
  })

describe('bundled Binance USDⓈ-M tiers snapshot', () => {
  const snapshot = loadBundledTiers()

  it('is dated and sourced, and holds every market of the recorded file', () => {
    expect(snapshot.snapshotDate).toBe('2024-10-24')
    expect(snapshot.venue).toBe('binanceusdm')
    expect(snapshot.source).toMatch(/fetchLeverageTiers/)
    const sourceSymbols = Object.keys(JSON.parse(readFileSync(SOURCE, 'utf8')) as object)
    expect(sourceSymbols.length).toBe(349)
    expect([...snapshot.markets.keys()].sort()).toEqual(sourceSymbols.sort())
  })

  it('keeps BTC/USDT:USDT brackets as recorded (read by hand from the source)', () => {
    const btc = snapshot.markets.get('BTC/USDT:USDT')!
    expect(btc.tiers).toHaveLength(12)
    expect(btc.contractSize).toBe(1)
    expect(btc.settle).toBe('USDT')
    // bracket 3: notionalFloor 600000, notionalCap 3000000, maintMarginRatio 0.0065, initialLeverage 75, cum 950.0
    expect(btc.tiers[2]).toEqual({
      tier: 3,
      minNotional: 600_000,
      maxNotional: 3_000_000,
      maintenanceMarginRate: 0.0065,
      maxLeverage: 75,
      maintenanceAmount: 950,
    })
    // bracket 12: 1200000000–1800000000, 0.5, 1x, cum 421481450.0
    expect(btc.tiers[11]).toMatchObject({
      minNotional: 1.2e9,
      maxNotional: 1.8e9,
      maintenanceMarginRate: 0.5,
      maxLeverage: 1,
      maintenanceAmount: 421_481_450,
    })
  })

  it('carries the lots of the recorded 2021 exchangeInfo and none for markets listed later', () => {
    // BTCUSDT: LOT_SIZE 0.001 / 0.001, tick 0.01; SOLUSDT: 1 / 1, tick 0.0010 (read by hand from BINANCE_FUTURES.0).
    expect(snapshot.markets.get('BTC/USDT:USDT')?.lot).toEqual({ step: 0.001, min: 0.001, tick: 0.01 })
    expect(snapshot.markets.get('SOL/USDT:USDT')?.lot).toEqual({ step: 1, min: 1, tick: 0.001 })
    // OPUSDT was listed in 2022: no lot is guessed.
    expect(snapshot.markets.get('OP/USDT:USDT')?.lot).toBeNull()
    expect(snapshot.lotSizeNote).toMatch(/exchangeInfo recorded 2021-07-22/)
  })

  it('keeps the BTC-settled ETH/BTC market in BTC', () => {
    // ETH/BTC:BTC bracket 2: 5–10 BTC, 0.006, 75x, cum 0.005
    const m = snapshot.markets.get('ETH/BTC:BTC')!
    expect(m.settle).toBe('BTC')
    expect(m.tiers[1]).toMatchObject({
      minNotional: 5,
      maxNotional: 10,
      maintenanceMarginRate: 0.006,
      maxLeverage: 75,
      maintenanceAmount: 0.005,
    })
  })

  it('finds resources from the environment first', () => {
    expect(findResourcesDir({ RADAR_RESOURCES_DIR: '/x/resources' })).toBe('/x/resources')
    expect(findResourcesDir({})).toMatch(/resources$/)
  })

  it('names the file and the market of a damaged snapshot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-tiers-'))
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{"venue": ')
    expect(() => loadTiersSnapshotFile(bad)).toThrow(bad)
    writeFileSync(
      bad,
      snapshotWith({
        'X/USDT:USDT': {
          settle: 'USDT',
          contractSize: 1,
          tiers: [
            [0, 10, 0.01, 20, 0],
            [12, 20, 0.02, 10, 0.1],
          ],
        },
      }),
    )
    expect(() => loadTiersSnapshotFile(bad)).toThrow(
      /X\/USDT:USDT.*tier 2: floor 12 does not meet tier 1's cap 10/,
    )
    writeFileSync(
      bad,
      snapshotWith({
        'Y/USDT:USDT': { settle: 'USDT', contractSize: 1, tiers: [[0, 10, 0.01, 20, 0]], lot: [0, 1, null] },
      }),
    )
    expect(() => loadTiersSnapshotFile(bad)).toThrow(/Y\/USDT:USDT.*lot step must be > 0/)
  })
})
