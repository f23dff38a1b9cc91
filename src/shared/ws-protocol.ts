import type { Envelope, EventChannel, EventPayloads, InvokeChannel } from './api'

/** Browser mode carries the same RadarApi over one WebSocket: invocations with ids, and pushed events. */
export type ClientMessage =
  | { kind: 'invoke'; id: number; channel: InvokeChannel; payload?: unknown }
  /** The window applied and painted a `snapshots` batch: the server may send it the next (flow control). */
  | typeof SNAPSHOTS_ACK

export const SNAPSHOTS_ACK = { kind: 'ack', channel: 'snapshots' } as const
/** The acknowledgement's exact text: the server recognises it without parsing. */
export const SNAPSHOTS_ACK_TEXT = JSON.stringify(SNAPSHOTS_ACK)

export type ServerMessage =
  | ({ kind: 'result'; id: number } & Envelope<unknown>)
  | { kind: 'event'; channel: EventChannel; payload: EventPayloads[EventChannel] }
  /** A message that could not be read at all (not JSON, no id); the connection stays open. */
  | { kind: 'error'; error: string }

export const WS_PATH = '/api'
export const TOKEN_PARAM = 'token'
