import type { WebSocket } from 'ws'
import type { ServerMessage } from '../../shared/ws-protocol'
import { SNAPSHOTS_ACK_TEXT } from '../../shared/ws-protocol'
import type { InvokeHandlers } from '../engine/api/handlers'
import { dispatchInvoke } from '../engine/api/handlers'
import type { EventBus } from '../engine/event-bus'
import type { Logger } from '../engine/logging/logger'
import type { SnapshotPacer } from '../engine/snapshot-pacer'
import { paceSnapshots } from '../engine/snapshot-pacer'
import { parseClientMessage } from './client-message'

export interface ClientLimits {
  /** Bytes queued for one client that it has not read yet; past this it is dropped. */
  clientBufferBytes: number
  /** Bytes queued for all clients together; past this the client with the most queued is dropped. */
  serverBufferBytes: number
  maxClients: number
  /** Invocations of one client awaiting their answer. */
  maxInFlight: number
}

export const DEFAULT_CLIENT_LIMITS: ClientLimits = {
  clientBufferBytes: 16 * 1024 * 1024,
  serverBufferBytes: 64 * 1024 * 1024,
  maxClients: 32,
  maxInFlight: 64,
}

/** Error texts that go back to a client or into the log are cut here: a peer must not fill either. */
const MAX_ERROR_CHARS = 1000
/** A dropped client gets this long to read its close frame before its socket is destroyed. */
const DROP_GRACE_MS = 1000

function capText(text: string): string {
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}… (cut)` : text
}

function errorCode(err: Error): string {
  const code = (err as { code?: unknown }).code
  return typeof code === 'string' && code.length <= 40 ? code : 'other'
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1)

/**
 * The WebSocket side of browser mode: pushes engine events to every client and answers invocations. Nothing a
 * peer sends can throw out of here: every socket has an error listener, every async handler is caught,
 * outbound bytes are budgeted per client and per server (a client that does not read is dropped with a
 * reason, and its buffers go with it), and each event is serialised once for all clients (snapshots once
 * per client, each under its own flow control).
 */
export class WsClients {
  private readonly clients = new Set<WebSocket>()
  private readonly inFlight = new WeakMap<WebSocket, number>()
  private readonly dropping = new WeakSet<WebSocket>()
  private readonly pacers = new Map<WebSocket, SnapshotPacer>()
  private readonly offBus: () => void

  constructor(
    private readonly handlers: InvokeHandlers,
    bus: EventBus,
    private readonly logger: Logger,
    private readonly limits: ClientLimits = DEFAULT_CLIENT_LIMITS,
  ) {
    this.offBus = bus.onAny((channel, payload) => {
      if (this.clients.size === 0) return
      if (channel === 'snapshots') {
        for (const pacer of this.pacers.values()) pacer.listener(channel, payload)
        return
      }
      const data = this.serialise({ kind: 'event', channel, payload }, `event-${channel}`)
      if (data) for (const ws of this.clients) this.send(ws, data)
    })
  }

  /**
   * Each client's snapshots under its own flow control: a batch at once when the tab has taken the last one
   * (its acknowledgement after painting it), markets merged while one is in flight, so a busy tab gets fewer,
   * larger batches instead of falling behind (see snapshot-pacer.ts).
   */
  private pace(ws: WebSocket): SnapshotPacer {
    return paceSnapshots((channel, payload) => {
      const data = this.serialise({ kind: 'event', channel, payload }, `event-${channel}`)
      if (data) this.send(ws, data)
    })
  }

  get count(): number {
    return this.clients.size
  }

  get full(): boolean {
    return this.clients.size >= this.limits.maxClients
  }

  add(ws: WebSocket): void {
    this.clients.add(ws)
    this.pacers.set(ws, this.pace(ws))
    ws.on('error', (err) => {
      // ws answers protocol errors itself (1002, 1007, 1009 for an oversized frame) and closes the socket.
      this.logger.once(`ws-error-${errorCode(err)}`, 'warn', 'closed a browser-mode connection on an error', {
        error: capText(err.message),
      })
    })
    ws.on('close', () => {
      this.clients.delete(ws)
      this.pacers.get(ws)?.stop()
      this.pacers.delete(ws)
    })
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.reply(ws, { kind: 'error', error: 'binary frames are not part of the protocol; send JSON text' })
        return
      }
      const text = data.toString()
      if (text === SNAPSHOTS_ACK_TEXT) return this.pacers.get(ws)?.ack()
      this.handle(ws, text).catch((err: unknown) => {
        this.logger.once('ws-handler-failed', 'error', 'a browser-mode request failed unexpectedly', {
          error: capText(err instanceof Error ? err.message : 'non-Error thrown'),
        })
      })
    })
  }

  closeAll(): void {
    this.offBus()
    for (const pacer of this.pacers.values()) pacer.stop()
    this.pacers.clear()
    for (const ws of this.clients) ws.terminate()
    this.clients.clear()
  }

  private async handle(ws: WebSocket, text: string): Promise<void> {
    const parsed = parseClientMessage(text)
    if (!parsed.ok) {
      this.logger.once(`ws-malformed-${parsed.kind}`, 'warn', 'refused a malformed browser-mode message', {
        error: capText(parsed.error),
      })
      const error = capText(parsed.error)
      this.reply(
        ws,
        parsed.id === null ? { kind: 'error', error } : { kind: 'result', id: parsed.id, ok: false, error },
      )
      return
    }
    const pending = this.inFlight.get(ws) ?? 0
    if (pending >= this.limits.maxInFlight) {
      const error = `too many requests in flight (${pending}); wait for answers before sending more`
      this.reply(ws, { kind: 'result', id: parsed.id, ok: false, error })
      return
    }
    this.inFlight.set(ws, pending + 1)
    try {
      const envelope = await dispatchInvoke(this.handlers, parsed.channel, parsed.payload)
      if (!envelope.ok) {
        this.logger.once(`invoke-refused-${parsed.channel}`, 'warn', capText(envelope.error), {
          channel: parsed.channel,
        })
      }
      const answer: ServerMessage = envelope.ok
        ? { kind: 'result', id: parsed.id, ok: true, value: envelope.value }
        : { kind: 'result', id: parsed.id, ok: false, error: capText(envelope.error) }
      this.reply(ws, answer)
    } finally {
      this.inFlight.set(ws, (this.inFlight.get(ws) ?? 1) - 1)
    }
  }

  private reply(ws: WebSocket, msg: ServerMessage): void {
    const data =
      this.serialise(msg, 'reply') ??
      (msg.kind === 'result'
        ? this.serialise(
            { kind: 'result', id: msg.id, ok: false, error: 'the answer could not be serialised' },
            'reply',
          )
        : null)
    if (data) this.send(ws, data)
  }

  private serialise(msg: ServerMessage, what: string): Buffer | null {
    try {
      return Buffer.from(JSON.stringify(msg))
    } catch (err) {
      this.logger.once(
        `ws-unserialisable-${what}`,
        'error',
        'a browser-mode message could not be serialised',
        {
          error: capText(err instanceof Error ? err.message : 'non-Error thrown'),
        },
      )
      return null
    }
  }

  /** The same Buffer goes to every client: ws frames it without copying, so N slow clients do not hold N copies. */
  private send(ws: WebSocket, data: Buffer): void {
    if (ws.readyState !== ws.OPEN || this.dropping.has(ws)) return
    const queued = ws.bufferedAmount
    if (queued + data.length > this.limits.clientBufferBytes) {
      this.drop(ws, `too slow: ${mib(queued)} MiB not yet read`)
      return
    }
    ws.send(data, { binary: false })
    this.enforceServerBudget()
  }

  private enforceServerBudget(): void {
    let total = 0
    let largest: WebSocket | null = null
    for (const ws of this.clients) {
      if (this.dropping.has(ws)) continue
      total += ws.bufferedAmount
      if (!largest || ws.bufferedAmount > largest.bufferedAmount) largest = ws
    }
    if (largest && total > this.limits.serverBufferBytes) {
      this.drop(
        largest,
        `too slow: ${mib(largest.bufferedAmount)} MiB not yet read while the server's outbound budget is spent`,
      )
    }
  }

  private drop(ws: WebSocket, reason: string): void {
    this.dropping.add(ws)
    this.logger.once('ws-slow-client', 'warn', 'dropped a browser-mode client that was not reading', {
      reason,
    })
    // A close code's reason is at most 123 bytes.
    ws.close(1008, reason.slice(0, 120))
    setTimeout(() => ws.terminate(), DROP_GRACE_MS).unref()
  }
}
