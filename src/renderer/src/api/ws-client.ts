import type { EventChannel, EventPayloads, InvokeChannel, RadarApi } from '../../../shared/api'
import { EVENT_CHANNELS, INVOKE_CHANNELS, subscriberName } from '../../../shared/api-channels'
import type { ClientMessage, ServerMessage } from '../../../shared/ws-protocol'
import { SNAPSHOTS_ACK_TEXT, WS_PATH } from '../../../shared/ws-protocol'
import { afterNextPaint } from '../../../shared/after-paint'

export type ConnectionListener = (state: 'open' | 'closed') => void

/**
 * Browser mode's RadarApi: the same functions as the preload, carried over one WebSocket to `radar serve`.
 * The token is the first segment of the page's path (`/<token>/`); the socket opens beside the page, so it
 * carries the token the same way (no cookie, which every server on the same host would receive).
 * Reconnects by itself when the server restarts.
 */
export function createWsApi(onConnection: ConnectionListener = () => {}): RadarApi {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  const queue: string[] = []
  let nextId = 1
  let socket: WebSocket
  let retryMs = 500

  const connect = (): void => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
    const dir = location.pathname.replace(/[^/]*$/, '')
    socket = new WebSocket(`${scheme}://${location.host}${dir}${WS_PATH.replace(/^\//, '')}`)
    socket.onopen = () => {
      retryMs = 500
      onConnection('open')
      for (const msg of queue.splice(0)) socket.send(msg)
    }
    socket.onmessage = (ev) => onMessage(String(ev.data))
    socket.onclose = () => {
      onConnection('closed')
      for (const [id, p] of pending) {
        p.reject(new Error('connection to the engine closed'))
        pending.delete(id)
      }
      setTimeout(connect, retryMs)
      retryMs = Math.min(retryMs * 2, 8000)
    }
  }

  const onMessage = (text: string): void => {
    let msg: ServerMessage
    try {
      msg = JSON.parse(text) as ServerMessage
    } catch {
      console.warn('engine sent a message that is not JSON')
      return
    }
    if (msg.kind === 'event') {
      for (const l of listeners.get(msg.channel) ?? []) l(msg.payload)
      // Flow control: the server sends the next batch once this one is painted (see snapshot-pacer.ts).
      if (msg.channel === 'snapshots') {
        const sentOn = socket
        afterNextPaint(() => {
          if (sentOn === socket && socket.readyState === WebSocket.OPEN) socket.send(SNAPSHOTS_ACK_TEXT)
        })
      }
    } else if (msg.kind === 'result') {
      const p = pending.get(msg.id)
      pending.delete(msg.id)
      if (!p) return
      if (msg.ok) p.resolve(msg.value)
      else p.reject(new Error(msg.error))
    } else {
      console.warn(`engine: ${msg.error}`)
    }
  }

  const invoke = (channel: InvokeChannel, payload?: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve, reject })
      const text = JSON.stringify({ kind: 'invoke', id, channel, payload } satisfies ClientMessage)
      if (socket.readyState === WebSocket.OPEN) socket.send(text)
      else queue.push(text)
    })

  const api: Record<string, unknown> = {}
  for (const channel of INVOKE_CHANNELS) api[channel] = (request?: unknown) => invoke(channel, request)
  for (const channel of EVENT_CHANNELS) {
    api[subscriberName(channel)] = (listener: (payload: EventPayloads[typeof channel]) => void) => {
      let set = listeners.get(channel)
      if (!set) listeners.set(channel, (set = new Set()))
      const l = listener as (payload: unknown) => void
      set.add(l)
      return () => void set.delete(l)
    }
  }
  connect()
  return api as RadarApi
}
