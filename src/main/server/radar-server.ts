import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { randomBytes } from 'node:crypto'
import { WebSocketServer } from 'ws'
import { WS_PATH } from '../../shared/ws-protocol'
import type { InvokeHandlers } from '../engine/api/handlers'
import type { EventBus } from '../engine/event-bus'
import type { Logger } from '../engine/logging/logger'
import { allowedHostsFor, checkRequest } from './request-guard'
import type { GuardConfig } from './request-guard'
import { answerPlain, rawHttpAnswer, SECURITY_HEADERS } from './security-headers'
import { loadStatic } from './static-files'
import { DEFAULT_CLIENT_LIMITS, WsClients } from './ws-clients'
import type { ClientLimits } from './ws-clients'

export interface RadarServerOptions {
  handlers: InvokeHandlers
  bus: EventBus
  logger: Logger
  /** The built renderer (out/renderer). */
  staticDir: string
  host?: string
  port?: number
  token?: string
  /** Outbound budgets and client caps; the defaults suit a few browser tabs. */
  limits?: Partial<ClientLimits>
}

export interface RadarServer {
  url: string
  host: string
  port: number
  token: string
  /** WebSocket clients connected now (dropped slow clients leave this count). */
  connections(): number
  close(): Promise<void>
}

/** One WebSocket frame from a client is at most this big; a larger one is answered with close 1009. */
export const MAX_MESSAGE_BYTES = 1024 * 1024
/** A refused upgrade's socket is destroyed if the peer has not taken the answer by then. */
const REFUSAL_GRACE_MS = 2000

const ignoreError = (): void => {}

/**
 * Browser mode: the built renderer over HTTP and the RadarApi over a WebSocket, on 127.0.0.1 by default,
 * behind a random per-run token and Host/Origin checks. The token is the first path segment of every URL
 * (`/<token>/`, `/<token>/assets/…`, `/<token>/api`): unlike a cookie, which browsers send to every server on
 * the same host whatever its port, a path reaches only this server.
 */
export async function startRadarServer(opts: RadarServerOptions): Promise<RadarServer> {
  const host = opts.host ?? '127.0.0.1'
  const token = opts.token ?? randomBytes(24).toString('hex')
  const guard: GuardConfig = { token, allowedHosts: new Set() }
  const limits = { ...DEFAULT_CLIENT_LIMITS, ...opts.limits }
  const log = opts.logger

  const http = createServer((req, res) => {
    serveHttp(req, res).catch((err: unknown) => {
      log.once('http-handler-failed', 'error', 'a browser-mode request failed unexpectedly', {
        error: err instanceof Error ? err.message.slice(0, 500) : 'non-Error thrown',
      })
      answerPlain(res, 500, 'Internal error\n')
    })
  })
  http.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    socket.on('error', ignoreError)
    log.once(`http-client-error-${err.code ?? 'other'}`, 'warn', 'refused an unreadable HTTP request', {
      error: err.message.slice(0, 200),
    })
    if (socket.writable) socket.end(rawHttpAnswer(400, 'Bad request\n'))
    else socket.destroy()
  })
  // Sockets are guarded from the moment they connect: a reset during any later stage is not a crash.
  http.on('connection', (socket: Socket) => socket.on('error', ignoreError))
  http.on('error', (err) => log.error('browser-mode server error', { error: err.message.slice(0, 500) }))

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false })
  wss.on('error', (err) => log.once('wss-error', 'error', 'WebSocket server error', { error: err.message }))
  const clients = new WsClients(opts.handlers, opts.bus, log, limits)

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = checkRequest(req, guard)
    if (!verdict.ok) {
      log.once(`http-refused-${verdict.status}`, 'warn', 'refused browser-mode request', {
        reason: verdict.reason,
      })
      answerPlain(
        res,
        verdict.status,
        `Refused: ${verdict.reason}. Open the URL printed by "radar serve", token included.\n`,
      )
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answerPlain(res, 405, 'Method not allowed\n', { allow: 'GET, HEAD' })
      return
    }
    // The page's assets are relative, so the page must sit under the token path: `/?token=t` -> `/t/`, `/t` -> `/t/`.
    if (verdict.tokenIn === 'query' || (verdict.path === '/' && !req.url?.startsWith(`/${token}/`))) {
      answerPlain(res, 302, 'Found\n', { location: `/${token}${verdict.path}` })
      return
    }
    const file = await loadStatic(opts.staticDir, verdict.path)
    if (!file) {
      answerPlain(res, 404, 'Not found\n')
      return
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands an upgrade over with no error listener of its own; a reset would be an uncaught 'error'.
    socket.on('error', ignoreError)
    const refuse = (status: number, reason: string): void => {
      log.once(`ws-refused-${status}`, 'warn', 'refused WebSocket upgrade', { reason })
      socket.end(rawHttpAnswer(status, `Refused: ${reason}\n`))
      setTimeout(() => socket.destroy(), REFUSAL_GRACE_MS).unref()
    }
    const verdict = checkRequest(req, guard)
    if (!verdict.ok) return refuse(verdict.status, verdict.reason)
    if (verdict.path !== WS_PATH) return refuse(404, 'no such endpoint')
    if (clients.full) return refuse(503, `already ${clients.count} clients connected`)
    wss.handleUpgrade(req, socket, head, (ws) => clients.add(ws))
  })

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(opts.port ?? 0, host, () => {
      http.off('error', reject)
      resolve()
    })
  })
  const port = (http.address() as AddressInfo).port
  guard.allowedHosts = allowedHostsFor(host, port)
  const urlHost = host.includes(':') ? `[${host}]` : host
  const url = `http://${urlHost}:${port}/${token}/`
  log.info('browser mode listening', { host, port })

  return {
    url,
    host,
    port,
    token,
    connections: () => clients.count,
    close: () =>
      new Promise<void>((resolve) => {
        clients.closeAll()
        wss.close()
        http.close(() => resolve())
        http.closeAllConnections()
      }),
  }
}
