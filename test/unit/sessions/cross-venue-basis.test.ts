import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importSession } from '../../../src/main/engine/sessions/import-session'
import { SessionReader } from '../../../src/main/engine/sessions/session-reader'
import type { MarketEvent } from '../../../src/shared/market-event'
import { applyEvents, createScoringState, snapshotMarket } from '../../../src/shared/scoring/scoring-state'

/** Tardis trades layout (tardis.dev "trades" dataset); timestamps in µs. */
const TRADES = 'exchange,symbol,timestamp,local_timestamp,id,side,price,amount'
const T0_US = 1680652800000000 // 2023-04-05 00:00:00 UTC
const at = (sec: number): number => T0_US + sec * 1_000_000

function tardis(dir: string, name: string, rows: string[]): string {
  const p = join(dir, name)
  writeFileSync(p, `${TRADES}\n${rows.join('\n')}\n`)
  return p
}

/** Imports the files into a session, replays it through scoring and returns the snapshot's metrics. */
async function basisOf(paths: string[], dir: string, keys: string[]) {
  const out = join(dir, 'basis.radar')
  await importSession('tardis', paths, { out })
  const reader = SessionReader.open(out)
  const events: MarketEvent[] = [...reader.events()]
  reader.close()
  const s = createScoringState()
  applyEvents(s, events)
  return keys.map((k) => snapshotMarket(s, k)!.metrics)
}

describe('basis across venues, from trades', () => {
  const dir = mkdtempSync(join(tmpdir(), 'radar-basis-'))
  const perp = tardis(dir, 'binance-futures_trades_2023-04-05_BTCUSDT.csv', [
    `binance-futures,BTCUSDT,${at(0.5)},${at(0.51)},1,buy,28200.0,0.010`,
    `binance-futures,BTCUSDT,${at(30)},${at(30.01)},2,sell,28210.0,0.020`,
  ])
  const spot = tardis(dir, 'coinbase_trades_2023-04-05_BTC-USD.csv', [
    `coinbase,BTC-USD,${at(0.1)},${at(0.12)},11,buy,28150.25,0.015`,
    `coinbase,BTC-USD,${at(20)},${at(20.02)},12,sell,28160.00,0.010`,
  ])
  const coinM = tardis(dir, 'binance-delivery_trades_2023-04-05_BTCUSD_PERP.csv', [
    `binance-delivery,BTCUSD_PERP,${at(25)},${at(25.01)},31,buy,28180.0,5`,
  ])
  const rate = tardis(dir, 'coinbase_trades_2023-04-05_USDT-USD.csv', [
    `coinbase,USDT-USD,${at(0)},${at(0.02)},21,buy,1.0002,500`,
  ])

  it('a Binance USDT perp against Coinbase USD spot, in USD by the session’s USDT/USD rate', async () => {
    const [m] = await basisOf([perp, spot, rate], mkdtempSync(join(dir, 'a-')), ['binanceusdm:BTC/USDT:USDT'])
    // At the last event (00:00:30): perp last trade 28,210.0 USDT × 1.0002 USD/USDT = 28,215.642 USD;
    // Coinbase last trade 28,160.00 USD (10 s old, within the 60 s sample). (28,215.642 − 28,160) / 28,160
    // = 19.7592 bps.
    expect(m!['basis-bps']!.value).toBeCloseTo(19.759233, 5)
    expect(m!['basis-bps']!.reason).toContain('against coinbase:BTC/USD; from trades')
    expect(m!['basis-bps']!.reason).toContain(
      'perp quoted in USDT, spot (coinbase) in USD: both in USD by USDT/USD 1.00020 (coinbase:USDT/USD)',
    )
  })

  it('without a rate the quotes are compared as they are, and the note says so', async () => {
    const [m] = await basisOf([perp, spot], mkdtempSync(join(dir, 'b-')), ['binanceusdm:BTC/USDT:USDT'])
    // (28,210 − 28,160) / 28,160 = 17.7557 bps
    expect(m!['basis-bps']!.value).toBeCloseTo(17.755682, 5)
    expect(m!['basis-bps']!.reason).toContain('includes the quote difference (no fresh USDT/USD rate')
  })

  it('a coin-margined perp gets a basis against the spot of another venue', async () => {
    const [m] = await basisOf([coinM, spot], mkdtempSync(join(dir, 'c-')), ['binancecoinm:BTC/USD:BTC'])
    // COIN-M price is USD per BTC, like Coinbase's: (28,180 − 28,160) / 28,160 = 7.1023 bps, no quote note.
    expect(m!['basis-bps']!.value).toBeCloseTo(7.102273, 5)
    expect(m!['basis-bps']!.reason).toBe(
      'against coinbase:BTC/USD; from trades (last trade of the interval where a side has no bid/ask)',
    )
  })
})
