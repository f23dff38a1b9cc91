import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../../src/main/engine/emulator/emulator'
import type { RunningEmulator } from '../../../src/main/engine/emulator/emulator'
import type { LiveSource } from '../../../src/main/engine/connectors/live-source'
import { liveAgainst, until } from './helpers'

let emu: RunningEmulator
beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(async () => emu.close())

const PERP = 'BTC/USDT:USDT'
const statusOf = (s: LiveSource, venue: string) => s.venueStatuses().find((v) => v.venue === venue)!
const tasksDone = (s: LiveSource, venue: string, n: number) => {
  const tasks = statusOf(s, venue)?.backfill ?? []
  return tasks.length >= n && tasks.every((t) => t.done)
}

describe('warm start when Bybit and OKX refuse their history', () => {
  it('each refusing venue keeps streaming and says why per series; Binance warms as usual', async () => {
    // Bybit's klines and funding history answer 500 every time (the emulator's body: "An unknown error
    // occurred.", which the status carries); OKX's market history (trades, candles) 429.
    emu.inject({ kind: '500', count: 10_000, pathPrefix: '/v5/market/kline' })
    emu.inject({ kind: '500', count: 10_000, pathPrefix: '/v5/market/funding/' })
    emu.inject({ kind: '429', count: 10_000, pathPrefix: '/api/v5/market/' })
    const live = liveAgainst(emu, {
      watchlist: [
        { venue: 'binanceusdm', symbols: [PERP] },
        { venue: 'bybit', symbols: [PERP] },
        { venue: 'okx', symbols: ['UNI/USD:UNI'] },
      ],
      watchdogMs: 30_000,
      restBudget: { concurrency: 2, backoff: { baseMs: 20, maxMs: 50, jitter: 0 }, maxRetries: 1 },
    })
    await live.start()
    // Bybit and OKX: OI history, candles (OKX 5m and 1m), recent trades, funding.
    await until(() => tasksDone(live.src, 'bybit', 4), 60_000, 'the bybit backfill to end')
    await until(() => tasksDone(live.src, 'okx', 5), 60_000, 'the okx backfill to end')
    await until(() => tasksDone(live.src, 'binanceusdm', 9), 60_000, 'the binance backfill to end')
    const task = (venue: string, symbol: string, name: string) =>
      statusOf(live.src, venue).backfill!.find((t) => t.task === `${venue} ${symbol} ${name}`)
    expect(task('bybit', PERP, '1m candles')?.error).toMatch(/unknown error/i)
    expect(task('bybit', PERP, 'funding history')?.error).toMatch(/unknown error/i)
    // Bybit's linear OI history is not recorded: the emulator refuses it in Bybit's shape, and the status says so.
    expect(task('bybit', PERP, 'open interest history')?.error).toMatch(/has no recording in the emulator/)
    // Bybit's recent trades were not refused: they load.
    expect(task('bybit', PERP, 'recent trades')?.error).toBeUndefined()
    for (const name of ['5m candles', '1m candles', 'recent trades'])
      expect(task('okx', 'UNI/USD:UNI', name)?.error, name).toMatch(/429|too many|rate/i)
    // Neither refusal touches Binance's history or anyone's streams.
    for (const name of [
      'open interest history',
      '5m candles',
      '1m candles',
      'recent trades',
      'funding history',
    ])
      expect(task('binanceusdm', PERP, name)?.error, name).toBeUndefined()
    await until(
      () => live.events.some((e) => e.venue === 'bybit' && e.type === 'trade'),
      30_000,
      'bybit trades',
    )
    await until(
      () => live.events.some((e) => e.venue === 'binanceusdm' && e.type === 'trade'),
      30_000,
      'binance trades',
    )
    for (const venue of ['binanceusdm', 'bybit', 'okx'])
      expect(statusOf(live.src, venue).state, venue).toBe('connected')
    await live.src.stop()
  }, 150_000)
})
