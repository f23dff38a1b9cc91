import { describe, expect, it } from 'vitest'
import { calculateSize } from './calculate-size'
import type { SizeAnswer, SizeErrorAnswer, SizingMarketLookup } from './size-answer'
import type { SizeRequest } from './size-request'
import { parseSizeRequest } from './size-request'
import { BTC_USDT_TIERS, SOL_USDT_TIERS } from './tiers.fixture'

const lookup: SizingMarketLookup = (venue, symbol) => {
  const tiers =
    symbol === 'BTC/USDT:USDT' ? BTC_USDT_TIERS : symbol === 'SOL/USDT:USDT' ? SOL_USDT_TIERS : null
  if (!tiers) return null
  return {
    symbol,
    settle: 'USDT',
    contractSize: 1,
    tiers,
    source: { kind: 'snapshot', date: '2024-10-24', description: `test ${venue}` },
    // SOLUSDT's LOT_SIZE (step 1, min 1) and tick 0.001 in the recorded 2021-07-22 exchangeInfo; BTC: none.
    lot: symbol === 'SOL/USDT:USDT' ? { step: 1, min: 1, tick: 0.001 } : null,
    lotSource: symbol === 'SOL/USDT:USDT' ? 'test exchangeInfo' : null,
  }
}

function run(request: unknown): SizeAnswer | SizeErrorAnswer {
  const parsed = parseSizeRequest(request)
  if (!parsed.ok) return { errors: parsed.errors, warnings: [] }
  return calculateSize(parsed.request, lookup)
}

function ok(request: unknown): SizeAnswer {
  const a = run(request)
  expect(a.errors).toEqual([])
  return a as SizeAnswer
}

const btcLong = (extra: Partial<SizeRequest['position']> = {}) => ({
  symbol: 'BTC/USDT:USDT',
  side: 'long' as const,
  entryPrice: 60_000,
  ...extra,
})

/** 1 % of 10,000 on a SOL long from 150 with its stop at 140. */
const solRisk = {
  walletBalance: 10_000,
  marginMode: 'cross',
  venue: 'binanceusdm',
  position: { symbol: 'SOL/USDT:USDT', side: 'long', entryPrice: 150, stopPrice: 140, riskPercent: 1 },
  feeRate: 0.0005,
}

describe('calculateSize', () => {
  it("reproduces Binance's FAQ example through the request path", () => {
    // 1,000 USDT at 50,000 = 0.02 BTC; 20x -> initial margin 50; LP 25,100.40 (see liquidation.test.ts)
    const a = ok({
      walletBalance: 500,
      marginMode: 'cross',
      venue: 'binanceusdm',
      position: { symbol: 'BTC/USDT:USDT', side: 'long', entryPrice: 50_000, leverage: 20, quantity: 0.02 },
      maintenanceMarginRate: 0.004,
      maintenanceAmount: 0,
    })
    expect(a.notional).toBeCloseTo(1_000, 9)
    expect(a.initialMargin).toBeCloseTo(50, 9)
    expect(a.liquidationPrice).toBeCloseTo(25_100.4, 2)
    expect(a.maintenanceMarginRate).toBe(0.004)
    expect(a.tiersSource.kind).toBe('request')
    expect(a.liquidationFormula).toMatch(/Binance USDⓈ-M, cross/)
  })

  it("reproduces Bybit's isolated example", () => {
    const a = ok({
      marginMode: 'isolated',
      venue: 'bybit',
      position: { symbol: 'BTC/USDT:USDT', side: 'long', entryPrice: 20_000, leverage: 50, quantity: 1 },
      maintenanceMarginRate: 0.005,
    })
    expect(a.marginBalance).toBeCloseTo(400, 9)
    expect(a.liquidationPrice).toBeCloseTo(19_700, 6)
    expect(a.liquidationFormula).toMatch(/Bybit/)
  })

  it('Bybit cross uses the balance equation and says it is derived', () => {
    // one position, wallet 500, long 0.02 at 50,000, MMR 0.4 %, deduction 0: margin balance = MM at P gives
    // 500 + 0.02 × (P − 50,000) = 0.02 × P × 0.004 -> P = (500 − 1,000) / (0.00008 − 0.02) = 25,100.40
    const a = ok({
      walletBalance: 500,
      marginMode: 'cross',
      venue: 'bybit',
      position: { symbol: 'BTC/USDT:USDT', side: 'long', entryPrice: 50_000, quantity: 0.02 },
      maintenanceMarginRate: 0.004,
    })
    expect(a.liquidationPrice).toBeCloseTo(25_100.4, 2)
    expect(a.warnings.map((w) => w.code)).toContain('formula-derived')
    expect(a.feeRate).toBe(0.00055)
  })

  it('sizes from a risk percent with fees, lot, funding, ATR and risk-adjusted size', () => {
    // budget 1 % of 10,000 = 100; per unit 1,059.5 -> 0.094 BTC (risk-sizing.test.ts); notional 5,640 (tier 1)
    // cross alone on 10,000: LP = (10,000 − 5,640) / (0.094 × 0.004 − 0.094) < 0 -> none
    const a = ok({
      walletBalance: 10_000,
      marginMode: 'cross',
      venue: 'binanceusdm',
      position: btcLong({ stopPrice: 59_000, leverage: 10, riskPercent: 1 }),
      feeRate: 0.0005,
      lotSize: 0.001,
      atr: 500,
      fundingRatePerPeriod: 0.0001,
      fundingIntervalHours: 8,
      holdingHours: 24,
      riskLevel: 'high',
    })
    expect(a.quantity).toBe(0.094)
    expect(a.notional).toBeCloseTo(5_640, 9)
    expect(a.initialMargin).toBeCloseTo(564, 9)
    expect(a.riskBudget).toBeCloseTo(100, 9)
    expect(a.sizing?.roundingRiskChangeUsd).toBeCloseTo(-0.407, 6)
    expect(a.lossAtStop).toBeCloseTo(99.593, 6)
    expect(a.tier?.tier).toBe(1)
    expect(a.liquidationPrice).toBeNull()
    expect(a.warnings.map((w) => w.code)).toContain('no-liquidation-price')
    expect(a.stopDistance?.atrMultiple).toBe(2)
    expect(a.funding.value?.cost).toBeCloseTo(1.692, 9) // 5,640 × 0.0001 × 3
    expect(a.riskAdjusted.quantityBase).toBe(0.016) // risk-adjusted.test.ts
    expect(a.liquidationClusters.value).toBeNull()
  })

  it("rounds a risk size down to the market's own lot and says where the lot came from", () => {
    // budget 1 % of 10,000 = 100; per SOL: |150 − 140| + fees 0.0005 × (150 + 140) = 10.145
    // -> 9.857 SOL unrounded -> 9 SOL at step 1; risk 9 × 10.145 = 91.305
    const a = ok(solRisk)
    expect(a.quantity).toBe(9)
    expect(a.sizing?.riskAfterRoundingUsd).toBeCloseTo(91.305, 9)
    expect(a.lot).toEqual({ step: 1, min: 1, tick: 0.001, source: 'test exchangeInfo' })
    expect(a.warnings.map((w) => w.code)).not.toContain('lot-size-unknown')
    // A lot typed in the request wins: 9.857 -> 9.85 at 0.01.
    const typed = ok({ ...solRisk, lotSize: 0.01 })
    expect(typed.quantity).toBeCloseTo(9.85, 12)
    expect(typed.lot?.source).toBe('request (lotSize)')
    // The venue's minimum order (1 SOL) still applies under a typed step.
    expect(typed.lot?.min).toBe(1)
  })

  it("warns when a given quantity is under the market's minimum order", () => {
    const a = ok({
      walletBalance: 1_000,
      marginMode: 'isolated',
      venue: 'binanceusdm',
      position: { symbol: 'SOL/USDT:USDT', side: 'long', entryPrice: 150, leverage: 5, quantity: 0.5 },
    })
    expect(a.warnings.find((w) => w.code === 'below-minimum-quantity')?.message).toMatch(
      /0\.5 is below the market's minimum order of 1/,
    )
  })

  it('cross margin beside another position, with its tiers from the market', () => {
    // the BTC long + losing SOL short of liquidation.test.ts -> 54,574.30
    const a = ok({
      walletBalance: 5_000,
      marginMode: 'cross',
      venue: 'binanceusdm',
      position: btcLong({ quantity: 0.5 }),
      otherPositions: [
        { symbol: 'SOL/USDT:USDT', side: 'short', quantity: 200, entryPrice: 150, markPrice: 160 },
      ],
    })
    expect(a.liquidationPrice).toBeCloseTo(54_574.2972, 3)
    expect(a.feeRateSource).toMatch(/0.05 %/)
  })

  it('isolated equals cross for a single position on the same balance (grid)', () => {
    for (const side of ['long', 'short'] as const)
      for (const quantity of [0.01, 0.5, 3, 25])
        for (const walletBalance of [200, 5_000, 80_000]) {
          const position = { symbol: 'BTC/USDT:USDT', side, entryPrice: 60_000, quantity }
          const iso = run({ walletBalance, marginMode: 'isolated', venue: 'binanceusdm', position })
          const crossAnswer = run({ walletBalance, marginMode: 'cross', venue: 'binanceusdm', position })
          // The fixture's brackets: up to 50,000 notional 125x, up to 600,000 100x, up to 3,000,000 75x.
          const notional = quantity * 60_000
          const allowed = notional <= 50_000 ? 125 : notional <= 600_000 ? 100 : 75
          if (notional / walletBalance > allowed) {
            // e.g. 0.5 BTC (30,000) on a 200 wallet is 150x: the venue would refuse it.
            expect(crossAnswer.errors.map((e) => e.field)).toEqual(['position.quantity'])
            continue
          }
          // Both refuse the same way (a liquidation beyond the entry) or both give the same price.
          expect(iso.errors.map((e) => e.message)).toEqual(crossAnswer.errors.map((e) => e.message))
          if (iso.errors.length > 0) continue
          expect((iso as SizeAnswer).liquidationPrice, `${side} q=${quantity} wb=${walletBalance}`).toEqual(
            (crossAnswer as SizeAnswer).liquidationPrice,
          )
        }
  })

  it('warns when the stop lies beyond or near the liquidation price', () => {
    // isolated 0.1 BTC at 60,000, 50x: margin 120; LP = (120 − 6,000) / (0.1 × 0.004 − 0.1) = 59,036.14
    const at = (stopPrice: number) =>
      ok({
        marginMode: 'isolated',
        venue: 'binanceusdm',
        position: btcLong({ leverage: 50, quantity: 0.1, stopPrice }),
      }).warnings.map((w) => w.code)
    expect(at(58_900)).toContain('stop-beyond-liquidation')
    const beyond = ok({
      marginMode: 'isolated',
      venue: 'binanceusdm',
      position: btcLong({ leverage: 50, quantity: 0.1, stopPrice: 58_900 }),
    }).warnings.find((w) => w.code === 'stop-beyond-liquidation')!
    // Prices read as a trader reads them: 59,036.14 to the cent, not 59036.144578...
    expect(beyond.message).toBe(
      'the stop 58900.00 lies beyond the liquidation price 59036.14: the position is liquidated before the stop can fill',
    )
    expect(at(59_500)).toContain('stop-near-liquidation') // (59,500 − 59,036.14) / 59,036.14 = 0.79 % < 1 %
    const far = at(59_800) // 1.29 %
    expect(far).not.toContain('stop-near-liquidation')
    expect(far).not.toContain('stop-beyond-liquidation')
  })

  it("refuses a size above the tier's cap for the leverage, unless the capped size is accepted", () => {
    // 1 BTC at 60,000 = 60,000 notional: bracket 2, max 100x; at 125x only bracket 1 (cap 50,000) is open.
    const request = {
      marginMode: 'isolated',
      venue: 'binanceusdm',
      position: btcLong({ leverage: 125, quantity: 1 }),
    }
    const refused = run(request)
    expect(refused.errors).toEqual([
      {
        field: 'position.quantity',
        message:
          'this size is 60,000 USDT of notional, but Binance USDⓈ-M allows at most 50,000 USDT of BTC/USDT:USDT at 125× (tier 1). Lower the size or the leverage, or accept the capped size of 0.833333 BTC.',
      },
    ])
    // 50,000 / 60,000 = 0.8333… BTC, in bracket 1.
    const capped = ok({ ...request, acceptCappedSize: true })
    expect(capped.quantity).toBeCloseTo(50_000 / 60_000, 12)
    expect(capped.tier?.tier).toBe(1)
    expect(capped.warnings[0]?.code).toBe('size-capped')
  })

  it("refuses leverage beyond the venue's maximum, however large", () => {
    for (const leverage of [126, 1e6, 1e308]) {
      const a = run({
        walletBalance: 1_000,
        marginMode: 'cross',
        venue: 'binanceusdm',
        position: btcLong({ leverage, quantity: 0.001 }),
      })
      expect(a.errors.map((e) => e.field)).toEqual(['position.leverage'])
      expect(a.errors[0]?.message).toMatch(/above the 125× Binance USDⓈ-M allows on BTC\/USDT:USDT/)
      expect('liquidationPrice' in a).toBe(false)
    }
  })

  it('refuses margin above equity unless the capped size is accepted', () => {
    // 1 % of 10,000 = 100 USDT of risk over a 0.05 % stop (30 USDT on 60,000), no fees: 3.333 BTC on the
    // 0.001 lot = 199,980 USDT of notional; at 5x that is 39,996 USDT of margin on a 10,000 account.
    const request = {
      walletBalance: 10_000,
      marginMode: 'cross',
      venue: 'binanceusdm',
      position: btcLong({ stopPrice: 59_970, riskPercent: 1, leverage: 5 }),
      feeRate: 0,
      lotSize: 0.001,
    }
    const refused = run(request)
    expect(refused.errors.map((e) => e.field)).toEqual(['position.riskPercent'])
    expect(refused.errors[0]?.message).toMatch(
      /^at 5× this size needs 39,996 USDT of margin, more than the 10,000 USDT equity/,
    )
    // Capped: 10,000 × 5 / 60,000 = 0.8333 -> 0.833 BTC on the 0.001 lot.
    expect(refused.errors[0]?.message).toContain('accept the capped size of 0.833 BTC (margin 9,996 USDT)')
    const capped = ok({ ...request, acceptCappedSize: true })
    expect(capped.quantity).toBeCloseTo(0.833, 12)
    expect(capped.initialMargin).toBeCloseTo(9_996, 6)
  })

  it('refuses to size a position whose liquidation lies beyond its entry', () => {
    // Isolated 0.1 BTC long at 60,000 with a flat 0.5 % maintenance rate and 10 USDT of margin:
    // LP = (10 − 6,000) / (0.1 × 0.005 − 0.1) = 60,201.0 > entry.
    const a = run({
      walletBalance: 10,
      marginMode: 'isolated',
      venue: 'binanceusdm',
      position: btcLong({ quantity: 0.1 }),
      maintenanceMarginRate: 0.005,
    })
    expect(a.errors).toEqual([
      {
        field: 'walletBalance',
        message:
          "the liquidation price 60,201 is above the long's entry 60,000: the position would be liquidated as soon as it opens. Lower the leverage or add margin.",
      },
    ])
  })

  it('derives the isolated size from margin × leverage', () => {
    // 600 × 10 / 60,000 = 0.1 BTC
    const a = ok({
      walletBalance: 600,
      marginMode: 'isolated',
      venue: 'binanceusdm',
      position: btcLong({ leverage: 10 }),
      lotSize: 0.001,
    })
    expect(a.quantity).toBe(0.1)
  })

  it('gives errors and no numbers for impossible inputs', () => {
    const unknown = run({
      walletBalance: 1_000,
      marginMode: 'cross',
      venue: 'binanceusdm',
      position: { ...btcLong({ quantity: 1 }), symbol: 'NOPE/USDT:USDT' },
    })
    expect(unknown).toEqual({ errors: [expect.objectContaining({ field: 'position.symbol' })], warnings: [] })
    const other = run({
      walletBalance: 1_000,
      marginMode: 'cross',
      venue: 'binanceusdm',
      position: btcLong({ quantity: 0.01 }),
      otherPositions: [{ symbol: 'XYZ/USDT:USDT', side: 'long', quantity: 1, entryPrice: 1, markPrice: 1 }],
    })
    expect(other.errors.map((e) => e.field)).toEqual(['otherPositions[0].symbol'])
    // 0.9 USD of risk over a 1,000 stop (no fees) buys 0.0009 BTC: below one 0.001 lot
    const tiny = run({
      walletBalance: 1_000,
      marginMode: 'cross',
      venue: 'binanceusdm',
      position: btcLong({ stopPrice: 59_000, riskUsd: 0.9 }),
      lotSize: 0.001,
      feeRate: 0,
    })
    expect(tiny.errors.map((e) => e.field)).toEqual(['position.riskUsd'])
    expect('quantity' in tiny).toBe(false)
    const huge = run({
      walletBalance: 1e9,
      marginMode: 'cross',
      venue: 'binanceusdm',
      position: btcLong({ quantity: 2_000 }),
    })
    // 120,000,000 > the fixture's 70,000,000 cap
    expect(huge.errors[0]?.message).toMatch(/allows at most 70,000,000 USDT of BTC\/USDT:USDT \(tier 5\)/)
  })
})
