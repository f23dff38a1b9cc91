import type { EventChannel } from '../../shared/api'
import type { InvokeHandlers } from '../engine/api/handlers'
import { dispatchInvoke } from '../engine/api/handlers'
import type { EventBus } from '../engine/event-bus'
import { paceSnapshots } from '../engine/snapshot-pacer'
import { parseFrame, windowToEngineSchema } from './protocol'
import { RESTORABLE_INVOKES } from './restorable-state'

/**
 * One window's own channel to the engine process: a MessagePort the desktop app's main process created
 * (MessageChannelMain) and transferred here, its other end in the window's preload. Invokes and events flow
 * between window and engine directly, so the main process copies nothing per event; the main process still
 * learns what it must restore after a crash through `observe`.
 */
export interface WindowPort {
  postMessage(message: unknown): void
  onMessage(listener: (data: unknown) => void): void
  onClose(listener: () => void): void
  close(): void
}

export interface WindowPortEngine {
  handlers: InvokeHandlers
  bus: EventBus
}

/**
 * Serves the contract over `port` until it closes (the window reloaded or closed): every engine event is
 * posted to it (snapshots under the window's own flow control: the next batch once it acknowledged the
 * last), every invoke is checked (frame, then payload by the contract's schema) and answered.
 * `observe` hears the invokes the host restores after a crash (the watched market, a closed session).
 * Returns a function that detaches the port.
 */
export function serveWindowPort(
  port: WindowPort,
  engine: WindowPortEngine,
  observe: (channel: (typeof RESTORABLE_INVOKES)[number], request: unknown) => void,
  log: (message: string) => void,
): () => void {
  let open = true
  const post = (message: unknown): void => {
    if (!open) return
    try {
      port.postMessage(message)
    } catch (err) {
      // A payload that cannot be cloned is the engine's bug; the window must not lose its channel for it.
      log(`window port: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
  const paced = paceSnapshots((channel: EventChannel, payload: unknown) =>
    post({ kind: 'event', channel, payload }),
  )
  const off = engine.bus.onAny(paced.listener)
  const detach = (): void => {
    if (!open) return
    open = false
    off()
    paced.stop()
  }
  port.onMessage((raw) => {
    const parsed = parseFrame(windowToEngineSchema, raw)
    if (!parsed.ok) return log(`window port: ${parsed.error}`)
    if (parsed.frame.kind === 'ack') return paced.ack()
    const { id, channel, payload } = parsed.frame
    void dispatchInvoke(engine.handlers, channel, payload).then((envelope) => {
      if (envelope.ok && (RESTORABLE_INVOKES as readonly string[]).includes(channel))
        observe(channel as (typeof RESTORABLE_INVOKES)[number], payload)
      post({ kind: 'result', id, envelope })
    })
  })
  port.onClose(detach)
  return () => {
    detach()
    port.close()
  }
}
