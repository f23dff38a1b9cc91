import { describe, expect, expectTypeOf, it } from 'vitest'
import type { AppInfo, EventPayloads, InvokeRequest, InvokeResponse, RadarApi, SettingsView } from './api'
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  invokeRequestSchemas,
  parseInvokeRequest,
  subscriberName,
} from './api'
import type { EngineStatus, Notice } from './engine-status'
import type { MarketSnapshot } from './scoring/snapshot'

describe('RadarApi contract', () => {
  it('pins each capability to its request and response types', () => {
    expectTypeOf<RadarApi['getAppInfo']>().toEqualTypeOf<() => Promise<AppInfo>>()
    expectTypeOf<RadarApi['getEngineStatus']>().toEqualTypeOf<() => Promise<EngineStatus>>()
    expectTypeOf<RadarApi['getSnapshots']>().toEqualTypeOf<() => Promise<MarketSnapshot[]>>()
    expectTypeOf<InvokeResponse<'updateSettings'>>().toEqualTypeOf<SettingsView>()
    expectTypeOf<InvokeRequest<'simulateWorkerFault'>>().toEqualTypeOf<{ fault: 'crash' | 'hang' }>()
    expectTypeOf<RadarApi['onNotice']>().toEqualTypeOf<(listener: (payload: Notice) => void) => () => void>()
    expectTypeOf<EventPayloads['snapshots']>().toEqualTypeOf<MarketSnapshot[]>()
  })

  it('has a request schema for every invoke channel and a subscriber for every event', () => {
    expect(Object.keys(invokeRequestSchemas).sort()).toEqual([...INVOKE_CHANNELS].sort())
    expect(EVENT_CHANNELS.map(subscriberName)).toEqual([
      'onEngineStatus',
      'onSnapshots',
      'onNotice',
      'onSettings',
      'onReplayPosition',
      'onImportProgress',
      'onRecording',
      'onSeriesUpdate',
      'onAlertFired',
      'onRegimeShift',
      'onEvidenceProgress',
      'onUniverse',
    ])
  })

  it('parses valid payloads and names the channel and field of an invalid one', () => {
    expect(parseInvokeRequest('getSettings', undefined)).toBeUndefined()
    expect(parseInvokeRequest('updateSettings', { theme: 'light' })).toEqual({ theme: 'light' })
    expect(() => parseInvokeRequest('getSettings', { sneaky: 1 })).toThrow(/^invalid payload for getSettings/)
    expect(() => parseInvokeRequest('updateSettings', { theme: 'pink' })).toThrow(/updateSettings: theme:/)
    expect(() => parseInvokeRequest('updateSettings', { userDataDir: '/' })).toThrow(
      /invalid payload for updateSettings/,
    )
    expect(() => parseInvokeRequest('simulateWorkerFault', { fault: 'explode' })).toThrow(/fault:/)
  })
})
