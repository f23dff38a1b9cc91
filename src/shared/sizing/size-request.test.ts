import { describe, expect, it } from 'vitest'
import { parseSizeRequest } from './size-request'

const valid = {
  walletBalance: 1_000,
  marginMode: 'cross',
  venue: 'binanceusdm',
  position: {
    symbol: 'BTC/USDT:USDT',
    side: 'long',
    entryPrice: 60_000,
    stopPrice: 59_000,
    leverage: 10,
    riskPercent: 1,
  },
}

function fields(request: unknown): string[] {
  const r = parseSizeRequest(request)
  return r.ok ? [] : r.errors.map((e) => e.field)
}

describe('parseSizeRequest', () => {
  it('accepts the request of the spec', () => {
    expect(parseSizeRequest(valid).ok).toBe(true)
  })

  it('names every bad field', () => {
    expect(fields({ ...valid, walletBalance: -500 })).toEqual(['walletBalance'])
    expect(fields({ ...valid, position: { ...valid.position, leverage: 0 } })).toEqual(['position.leverage'])
    expect(fields({ ...valid, position: { ...valid.position, entryPrice: Number.NaN } })).toEqual([
      'position.entryPrice',
    ])
    expect(fields({ ...valid, position: { ...valid.position, stopPrice: 61_000 } })).toEqual([
      'position.stopPrice',
    ])
    expect(fields({ ...valid, position: { ...valid.position, side: 'buy' } })).toEqual(['position.side'])
    expect(fields({ ...valid, venue: 'ftx' })).toEqual(['venue'])
    expect(fields({ ...valid, stopPirce: 1 })).toEqual(['stopPirce'])
    expect(
      fields({
        ...valid,
        otherPositions: [{ symbol: 'ETH/USDT:USDT', side: 'long', quantity: 1, entryPrice: 2_000 }],
      }),
    ).toEqual(['otherPositions[0].markPrice'])
    expect(fields({ ...valid, marginMode: 'cross', walletBalance: undefined })).toEqual(['walletBalance'])
    expect(fields({ ...valid, marginMode: 'isolated' })).toEqual(['accountEquity'])
    expect(fields({ ...valid, maintenanceAmount: 50 })).toEqual(['maintenanceMarginRate'])
    expect(fields({ ...valid, fundingRatePerPeriod: 0.0001 })).toEqual(['fundingIntervalHours'])
    expect(fields('not an object')).toEqual(['(request)'])
  })

  it('says what is missing and why', () => {
    const r = parseSizeRequest({
      ...valid,
      position: { symbol: 'BTC/USDT:USDT', side: 'long', entryPrice: 60_000 },
    })
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.errors[0]).toEqual({
        field: 'position.quantity',
        message: expect.stringMatching(/riskPercent\/riskUsd with stopPrice/),
      })
    const missing = parseSizeRequest({ marginMode: 'cross', venue: 'binanceusdm', walletBalance: 1 })
    if (!missing.ok) expect(missing.errors).toEqual([{ field: 'position', message: 'is required' }])
  })
})
