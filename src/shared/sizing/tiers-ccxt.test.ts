import { describe, expect, it } from 'vitest'
import { tiersFromCcxt } from './tiers-ccxt'

describe('tiersFromCcxt', () => {
  it('reads the maintenance amount from Binance info.cum', () => {
    // The first two BTC/USDT:USDT entries of binance_leverage_tiers.json, as recorded.
    const { tiers, derivedAmounts } = tiersFromCcxt(
      [
        {
          tier: 1,
          currency: 'USDT',
          minNotional: 0,
          maxNotional: 50000,
          maintenanceMarginRate: 0.004,
          maxLeverage: 125,
          info: {
            bracket: '1',
            initialLeverage: '125',
            notionalCap: '50000',
            notionalFloor: '0',
            maintMarginRatio: '0.004',
            cum: '0.0',
          },
        },
        {
          tier: 2,
          currency: 'USDT',
          minNotional: 50000,
          maxNotional: 600000,
          maintenanceMarginRate: 0.005,
          maxLeverage: 100,
          info: {
            bracket: '2',
            initialLeverage: '100',
            notionalCap: '600000',
            notionalFloor: '50000',
            maintMarginRatio: '0.005',
            cum: '50.0',
          },
        },
      ],
      'BTC/USDT:USDT',
    )
    expect(derivedAmounts).toBe(false)
    expect(tiers.map((t) => t.maintenanceAmount)).toEqual([0, 50])
    expect(tiers[1]).toMatchObject({
      tier: 2,
      minNotional: 50_000,
      maxNotional: 600_000,
      maintenanceMarginRate: 0.005,
      maxLeverage: 100,
    })
  })

  it('reads Bybit info.mmDeduction and derives an absent amount from continuity', () => {
    const { tiers, derivedAmounts } = tiersFromCcxt(
      [
        {
          tier: 1,
          minNotional: 0,
          maxNotional: 2_000_000,
          maintenanceMarginRate: 0.005,
          maxLeverage: 100,
          info: { mmDeduction: '' },
        },
        {
          tier: 2,
          minNotional: 2_000_000,
          maxNotional: 2_600_000,
          maintenanceMarginRate: 0.0056,
          maxLeverage: 90,
          info: { mmDeduction: '1200' },
        },
      ],
      'BTC/USDT:USDT',
    )
    // tier 1: empty -> derived 0; tier 2: given 1,200 (= 2,000,000 × (0.0056 − 0.005) + 0)
    expect(derivedAmounts).toBe(true)
    expect(tiers[0]?.maintenanceAmount).toBe(0)
    expect(tiers[1]?.maintenanceAmount).toBe(1200)
  })

  it('names the tier and field at fault', () => {
    expect(() =>
      tiersFromCcxt([{ minNotional: 0, maxNotional: 'x', maintenanceMarginRate: 0.01 }], 'X/USDT:USDT'),
    ).toThrow(/X\/USDT:USDT tier 1.maxNotional: expected a number/)
    expect(() =>
      tiersFromCcxt(
        [
          { minNotional: 0, maxNotional: 10, maintenanceMarginRate: 0.01, info: { cum: '0' } },
          { minNotional: 20, maxNotional: 30, maintenanceMarginRate: 0.02, info: { cum: '0' } },
        ],
        'Y',
      ),
    ).toThrow(/tier 2: floor 20 does not meet tier 1's cap 10/)
  })
})
