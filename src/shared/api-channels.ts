/**
 * Channel names only, free of zod, so the sandboxed preload can bundle them without the schemas.
 * `api.ts` pins these lists to the request-schema map and the event payload map.
 */
export const INVOKE_CHANNELS = [
  'getAppInfo',
  'getEngineStatus',
  'getSnapshots',
  'getSettings',
  'updateSettings',
  'simulateWorkerFault',
  'listSessions',
  'openSession',
  'closeSession',
  'replayControl',
  'getReplayPosition',
  'deleteSession',
  'startImport',
  'cancelImport',
  'startRecording',
  'stopRecording',
  'getSeries',
  'watchSeries',
  'addJournalEntry',
  'listJournal',
  'exportJournalCsv',
  'listAlertRules',
  'saveAlertRule',
  'deleteAlertRule',
  'getAlertLog',
  'getHeatmap',
  'getCoinMap',
  'getLeverageTiers',
  'searchMarkets',
  'startLive',
  'stopLive',
  'probeVenues',
  'runEvidence',
  'cancelEvidence',
  'getUniverse',
  'runBarCheck',
] as const

export const EVENT_CHANNELS = [
  'engineStatus',
  'snapshots',
  'notice',
  'settings',
  'replayPosition',
  'importProgress',
  'recording',
  'seriesUpdate',
  'alertFired',
  'regimeShift',
  'evidenceProgress',
  'universe',
] as const

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number]
export type EventChannel = (typeof EVENT_CHANNELS)[number]

/** `onEngineStatus` for `engineStatus`, and so on. */
export type EventSubscriberName<E extends EventChannel> = `on${Capitalize<E>}`

export function subscriberName<E extends EventChannel>(channel: E): EventSubscriberName<E> {
  return `on${channel.charAt(0).toUpperCase()}${channel.slice(1)}` as EventSubscriberName<E>
}

/** Electron IPC channel names; the browser mode uses the same names inside WebSocket messages. */
export const IPC_INVOKE = 'radar:invoke'
export const ipcEventChannel = (channel: EventChannel): string => `radar:event:${channel}`

/** How a result crosses a process boundary; errors are rethrown as `Error` on the other side. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: string }

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value
  throw new Error(envelope.error)
}

/** Settles the request `id` waits on with the envelope that answers it; an id nobody waits on is ignored. */
export function settlePending(
  pending: Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>,
  id: number,
  envelope: Envelope<unknown>,
): void {
  const p = pending.get(id)
  if (!p) return
  pending.delete(id)
  if (envelope.ok) p.resolve(envelope.value)
  else p.reject(new Error(envelope.error))
}
