/**
 * The window's end of its MessagePort to the engine process (no Electron import: it runs in the sandboxed
 * preload and in plain-Node tests alike). The main process only hands the port over; invokes and events then
 * travel between this window and the engine process without a copy in the main process. The API it builds
 * has the RadarApi shape the renderer has always had.
 */
import type { Envelope, EventChannel, InvokeChannel } from '../shared/api-channels'
import { EVENT_CHANNELS, INVOKE_CHANNELS, settlePending, subscriberName } from '../shared/api-channels'

/** The preload asks the main process for a port on this channel; the port comes back on PORT_CHANNEL. */
export const PORT_REQUEST = 'radar:port-request'
export const PORT_CHANNEL = 'radar:port'
/** The main process says the engine stopped for good (it gave up restarting it), with why. */
export const ENGINE_FAILED_CHANNEL = 'radar:engine-failed'

/** A DOM MessagePort as the preload receives it (Node's worker_threads port has the same surface). */
export interface RendererPort {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  addEventListener(type: 'close', listener: () => void): void
  start(): void
  close(): void
}

interface Pending {
  channel: InvokeChannel
  port: RendererPort
  resolve: (value: unknown) => void
  reject: (err: Error) => void
}

const EVENT_SET = new Set<string>(EVENT_CHANNELS)

export class PortLink {
  private port: RendererPort | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  /** Invokes made before the first port, or while the engine restarts, sent once a port arrives. */
  private readonly waiting: { send: (port: RendererPort) => void; fail: (err: Error) => void }[] = []
  /** Set once the engine will not come back: every request is refused with it. */
  private failure: string | null = null
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()

  /**
   * `afterApplied` runs its callback once the window has applied what the listeners changed (in the window:
   * after the next paint, see after-paint.ts); the engine then hears that the window took its `snapshots`
   * batch and sends the next one (flow control, see snapshot-pacer.ts). By default at once.
   */
  constructor(
    private readonly log: (message: string) => void = () => {},
    private readonly afterApplied: (done: () => void) => void = (done) => done(),
  ) {}

  /** Takes a (new) port: after an engine restart the old one is dead and its unanswered invokes fail. */
  attach(port: RendererPort): void {
    const old = this.port
    this.port = port
    if (old) {
      this.failPending(old, 'restarted')
      old.close()
    }
    port.addEventListener('message', (event) => this.onFrame(port, event.data))
    port.addEventListener('close', () => {
      if (this.port !== port) return
      this.port = null
      this.failPending(port, 'stopped')
    })
    port.start()
    for (const w of this.waiting.splice(0)) w.send(port)
  }

  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const send = (port: RendererPort): void => {
        const id = this.nextId++
        this.pending.set(id, { channel, port, resolve, reject })
        try {
          port.postMessage({ kind: 'invoke', id, channel, payload })
        } catch (err) {
          // A request that cannot be cloned (a function, a DOM node) is refused here, naming the channel.
          this.pending.delete(id)
          reject(new Error(`${channel}: ${err instanceof Error ? err.message : String(err)}`))
        }
      }
      if (this.failure) reject(new Error(`the engine is not running: ${this.failure}`))
      else if (this.port) send(this.port)
      else this.waiting.push({ send, fail: reject })
    })
  }

  /** The engine stopped for good: requests waiting for a port, and every later one, fail with `reason`. */
  fail(reason: string): void {
    this.failure = reason
    for (const w of this.waiting.splice(0)) w.fail(new Error(`the engine is not running: ${reason}`))
  }

  on(channel: EventChannel, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(channel)
    if (!set) this.listeners.set(channel, (set = new Set()))
    const own = set
    // Wrapped so the same function subscribed twice is two subscriptions, each with its own unsubscribe.
    const wrapped = (payload: unknown): void => listener(payload)
    own.add(wrapped)
    return () => void own.delete(wrapped)
  }

  /** Delivers an event to this window's listeners (engine events, and the host's own notices). */
  emit(channel: EventChannel, payload: unknown): void {
    for (const listener of this.listeners.get(channel) ?? []) {
      try {
        listener(payload)
      } catch (err) {
        this.log(`${channel} listener: ${err instanceof Error ? err.message : String(err)}`)
      }
    }
  }

  /** The RadarApi object: one function per invoke channel and one subscriber per event channel. */
  api(): Record<string, unknown> {
    const api: Record<string, unknown> = {}
    for (const channel of INVOKE_CHANNELS)
      api[channel] = async (request?: unknown) => this.invoke(channel, request)
    for (const channel of EVENT_CHANNELS)
      api[subscriberName(channel)] = (listener: (payload: unknown) => void) => this.on(channel, listener)
    return api
  }

  private onFrame(port: RendererPort, raw: unknown): void {
    const frame = raw as {
      kind?: unknown
      id?: unknown
      envelope?: unknown
      channel?: unknown
      payload?: unknown
    }
    if (frame?.kind === 'event' && typeof frame.channel === 'string' && EVENT_SET.has(frame.channel)) {
      this.emit(frame.channel as EventChannel, frame.payload)
      if (frame.channel === 'snapshots') this.afterApplied(() => this.ackSnapshots(port))
      return
    }
    if (frame?.kind === 'result' && typeof frame.id === 'number' && isEnvelope(frame.envelope)) {
      settlePending(this.pending, frame.id, frame.envelope)
      return
    }
    this.log(`engine port: unexpected frame ${JSON.stringify(raw)?.slice(0, 200)}`)
  }

  /** Tells the engine this window took its last `snapshots` batch, on the port that brought it. */
  private ackSnapshots(port: RendererPort): void {
    if (this.port !== port) return
    try {
      port.postMessage({ kind: 'ack', channel: 'snapshots' })
    } catch (err) {
      this.log(`engine port: ${err instanceof Error ? err.message : String(err)}`)
    }
  }

  private failPending(port: RendererPort, how: 'restarted' | 'stopped'): void {
    for (const [id, p] of this.pending) {
      if (p.port !== port) continue
      this.pending.delete(id)
      p.reject(new Error(`the engine process ${how} while answering ${p.channel}`))
    }
  }
}

function isEnvelope(v: unknown): v is Envelope<unknown> {
  if (typeof v !== 'object' || v === null) return false
  const e = v as { ok?: unknown; error?: unknown }
  return e.ok === true || (e.ok === false && typeof e.error === 'string')
}
