import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArgs } from '../args'
import type { CommandIo } from '../command'
import { runCli } from '../run-cli'
import { sizeCommand, tiersCredentials } from './size'

/** Runs `radar size` with a request on stdin and an empty tiers cache (so the bundled snapshot answers). */
async function size(stdin: string, argv: string[] = ['--json']) {
  let stdout = ''
  let stderr = ''
  const io: CommandIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => stdin,
  }
  const userData = mkdtempSync(join(tmpdir(), 'radar-size-'))
  const code = await sizeCommand.run(
    parseArgs([...argv, '--user-data', userData], new Set(sizeCommand.flags)),
    io,
  )
  return { code, stdout, stderr }
}

const faq = {
  walletBalance: 500,
  marginMode: 'cross',
  venue: 'binanceusdm',
  position: { symbol: 'BTC/USDT:USDT', side: 'long', entryPrice: 50_000, leverage: 20, quantity: 0.02 },
  maintenanceMarginRate: 0.004,
  maintenanceAmount: 0,
}

describe('radar size --json', () => {
  it("answers Binance's FAQ example: liquidation 25,100.40", async () => {
    const r = await size(JSON.stringify(faq))
    expect(r.code).toBe(0)
    const a = JSON.parse(r.stdout)
    // 0.02 BTC × 50,000 = 1,000 notional, / 20 = 50 initial margin; LP = −500 / −0.01992 = 25,100.40
    expect(a.notional).toBeCloseTo(1_000, 9)
    expect(a.initialMargin).toBeCloseTo(50, 9)
    expect(a.liquidationPrice).toBeCloseTo(25_100.4, 2)
    expect(a.errors).toEqual([])
    expect(a.tier.maxNotional).toBeNull() // a user-given flat rate has no cap
  })

  it("refuses leverage beyond the venue's maximum (bundled BTC tiers: 125x) and prints no price", async () => {
    for (const leverage of ['126', '1e6', '1e308']) {
      const text = JSON.stringify({ ...faq, position: { ...faq.position, leverage: 0 } }).replace(
        '"leverage":0',
        `"leverage":${leverage}`,
      )
      const r = await size(text)
      expect(r.code).toBe(2)
      const a = JSON.parse(r.stdout)
      expect(a.errors.map((e: { field: string }) => e.field)).toEqual(['position.leverage'])
      expect(a.errors[0].message).toContain('above the 125× Binance USDⓈ-M allows on BTC/USDT:USDT')
      expect(a.liquidationPrice).toBeUndefined()
    }
  })

  it("never prints a liquidation price above a long's entry", async () => {
    // Isolated 0.1 BTC long at 60,000 on 10 USDT of margin, flat 0.5 %: LP = (10 − 6,000) / (0.0005 − 0.1)
    // = 60,201.0, above the entry: refused, in plain words and rounded.
    const r = await size(
      JSON.stringify({
        walletBalance: 10,
        marginMode: 'isolated',
        venue: 'binanceusdm',
        position: { symbol: 'BTC/USDT:USDT', side: 'long', entryPrice: 60_000, quantity: 0.1 },
        maintenanceMarginRate: 0.005,
      }),
    )
    expect(r.code).toBe(2)
    const a = JSON.parse(r.stdout)
    expect(a.liquidationPrice).toBeUndefined()
    expect(a.errors[0].message).toMatch(/^the liquidation price 60,201 is above the long's entry 60,000/)
  })

  it('takes the tiers from the bundled snapshot and re-tiers at the liquidation notional', async () => {
    // 1 BTC long at 60,000, isolated margin 12,000: entry in bracket 2 (0.5 %, cum 50), liquidation in bracket 1
    // (0.4 %, cum 0): LP = (12,000 − 60,000) / (0.004 − 1) = 48,192.77 (see liquidation.test.ts)
    const r = await size(
      JSON.stringify({
        walletBalance: 12_000,
        marginMode: 'isolated',
        venue: 'binanceusdm',
        position: {
          symbol: 'BTC/USDT:USDT',
          side: 'long',
          entryPrice: 60_000,
          stopPrice: 55_000,
          leverage: 5,
          quantity: 1,
        },
        feeRate: 0.0004,
      }),
    )
    expect(r.code).toBe(0)
    const a = JSON.parse(r.stdout)
    expect(a.liquidationPrice).toBeCloseTo(48_192.77, 2)
    expect(a.maintenanceMarginRate).toBe(0.004)
    expect(a.maintenanceAmount).toBe(0)
    expect(a.tier).toMatchObject({
      tier: 2,
      maintenanceMarginRate: 0.005,
      maintenanceAmount: 50,
      maxLeverage: 100,
    })
    expect(a.tiersSource).toMatchObject({ kind: 'snapshot', date: '2024-10-24' })
    // loss at stop: 5,000 + 60,000 × 0.0004 + 55,000 × 0.0004 = 5,000 + 24 + 22 = 5,046
    expect(a.lossAtStop).toBeCloseTo(5_046, 9)
    expect(a.warnings.map((w: { code: string }) => w.code)).toContain('liquidation-tier-differs')
  })

  it('an invalid field gives exit 2 and an error naming it, with no numbers', async () => {
    const r = await size(JSON.stringify({ ...faq, position: { ...faq.position, leverage: 0 } }))
    expect(r.code).toBe(2)
    const a = JSON.parse(r.stdout)
    expect(a.errors).toEqual([{ field: 'position.leverage', message: 'leverage must be at least 1' }])
    expect(a.liquidationPrice).toBeUndefined()
  })

  it('an unknown symbol, a stop on the wrong side and bad JSON are errors too', async () => {
    const unknown = await size(
      JSON.stringify({
        ...faq,
        maintenanceMarginRate: undefined,
        maintenanceAmount: undefined,
        position: { ...faq.position, symbol: 'NOPE/USDT:USDT' },
      }),
    )
    expect(unknown.code).toBe(2)
    expect(JSON.parse(unknown.stdout).errors[0].field).toBe('position.symbol')
    const wrongStop = await size(JSON.stringify({ ...faq, position: { ...faq.position, stopPrice: 51_000 } }))
    expect(JSON.parse(wrongStop.stdout).errors).toEqual([
      { field: 'position.stopPrice', message: "a long's stop must be below the entry 50000" },
    ])
    const bad = await size('{"walletBalance": 5')
    expect(bad.code).toBe(2)
    expect(JSON.parse(bad.stdout).errors[0]).toMatchObject({
      field: '(request)',
      message: expect.stringMatching(/not valid JSON/),
    })
    expect((await size('')).code).toBe(2)
  })

  it('prints a readable summary without --json', async () => {
    const r = await size(JSON.stringify(faq), [])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/liquidation {5}25,100\.4/)
  })

  it('refreshing Binance tiers asks for a key first, since Binance signs that endpoint; Bybit needs none', () => {
    expect(() => tiersCredentials('binanceusdm', {})).toThrow(
      /RADAR_BINANCE_API_KEY and RADAR_BINANCE_API_SECRET/,
    )
    expect(() => tiersCredentials('binanceusdm', { RADAR_BINANCE_API_KEY: 'k' })).toThrow(/signed request/)
    expect(
      tiersCredentials('binanceusdm', { RADAR_BINANCE_API_KEY: 'k', RADAR_BINANCE_API_SECRET: 's' }),
    ).toEqual({ apiKey: 'k', secret: 's' })
    expect(tiersCredentials('bybit', {})).toEqual({})
  })

  it('--help explains the request and the answer', async () => {
    let out = ''
    const code = await runCli(['size', '--help'], [sizeCommand], {
      stdout: (t) => void (out += t),
      stderr: () => {},
      readStdin: async () => '',
    })
    expect(code).toBe(0)
    for (const word of [
      'walletBalance',
      'marginMode',
      'otherPositions',
      'liquidationPrice',
      'errors',
      'Exit codes',
    ])
      expect(out).toContain(word)
  })
})
