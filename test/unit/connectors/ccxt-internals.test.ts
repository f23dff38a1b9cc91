import ccxt from 'ccxt'
import { describe, expect, it } from 'vitest'
import {
  CCXT_TESTED_VERSION,
  ccxtVersionWarning,
  installedCcxtVersion,
  implicitApi,
  wsClients,
} from '../../../src/main/engine/connectors/ccxt-internals'

describe('ccxt internals, in one file with a version check', () => {
  it('the installed ccxt is the version the internals were read in (an upgrade must re-check ccxt-internals.ts)', () => {
    expect(installedCcxtVersion()).toBe(CCXT_TESTED_VERSION)
    expect(ccxtVersionWarning()).toBeNull()
  })

  it('names both versions when another ccxt is loaded', () => {
    expect(ccxtVersionWarning('4.6.0')).toMatch(/ccxt 4\.6\.0 is loaded.*checked against 4\.5\.84/)
  })

  it('reaches the members the connectors rely on in this ccxt', () => {
    const ex = new ccxt.pro.binanceusdm({})
    expect(typeof (ex as unknown as Record<string, unknown>).handleMessage).toBe('function')
    expect(typeof (ex as unknown as Record<string, unknown>).onRestResponse).toBe('function')
    expect(wsClients(ex)).toEqual({})
    expect(typeof implicitApi(ex, 'fapiDataGetOpenInterestHist')).toBe('function')
    expect(() => implicitApi(ex, 'noSuchEndpoint')).toThrow('ccxt binanceusdm has no noSuchEndpoint')
  })
})
