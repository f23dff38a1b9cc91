import type { EventChannel, EventPayloads } from '../../shared/api'
import { EVENT_CHANNELS } from '../../shared/api-channels'

type Listener<E extends EventChannel> = (payload: EventPayloads[E]) => void

/** Typed fan-out of engine events to whichever doors are open (Electron window, WebSocket clients). */
export class EventBus {
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>()

  on<E extends EventChannel>(channel: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(channel)
    if (!set) {
      set = new Set()
      this.listeners.set(channel, set)
    }
    set.add(listener as (payload: never) => void)
    return () => set.delete(listener as (payload: never) => void)
  }

  /** Every channel to one listener, for transports that forward everything. */
  onAny(listener: <E extends EventChannel>(channel: E, payload: EventPayloads[E]) => void): () => void {
    const offs = EVENT_CHANNELS.map((c) => this.on(c, (p) => listener(c, p)))
    return () => offs.forEach((off) => off())
  }

  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    for (const l of this.listeners.get(channel) ?? []) (l as Listener<E>)(payload)
  }
}
