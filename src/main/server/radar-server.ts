import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { WebSocketServer } from 'ws'
import type { WebSocket } from 'ws'
import type { ClientMessage, ServerMessage } from '../../shared/ws-protocol'
import { TOKEN_COOKIE, TOKEN_PARAM, WS_PATH } from '../../shared/ws-protocol'
import type { InvokeHandlers } from '../engine/api/handlers'
import { dispatchInvoke } from '../engine/api/handlers'
import type { EventBus } from '../engine/event-bus'
import type { Logger } from '../engine/logging/logger'
import { allowedHostsFor, checkRequest, queryToken } from './request-guard'
import type { GuardConfig } from './request-guard'
import { loadStatic } from './static-files'

export interface RadarServerOptions {
  handlers: InvokeHandlers
  bus: EventBus
  logger: Logger
  /** The built renderer (out/renderer). */
  staticDir: string
  host?: string
  port?: number
  token?: string
}

export interface RadarServer {
  url: string
  host: string
  port: number
  token: string
  close(): Promise<void>
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // lightweight-charts and React set element styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')

const MAX_MESSAGE_BYTES = 1024 * 1024

/**
 * Browser mode: the built renderer over HTTP and the RadarApi over a WebSocket, on 127.0.0.1 by default,
 * behind a random per-run token and Host/Origin checks.
 */
export async function startRadarServer(opts: RadarServerOptions): Promise<RadarServer> {
  const host = opts.host ?? '127.0.0.1'
  const token = opts.token ?? randomBytes(24).toString('hex')
  const guard: GuardConfig = { token, allowedHosts: new Set() }

  const http = createServer((req, res) => void serveHttp(req, res))
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = checkRequest(req, guard)
    if (!verdict.ok) {
      opts.logger.once(`http-refused-${verdict.reason}`, 'warn', 'refused browser-mode request', {
        reason: verdict.reason,
      })
      res.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(`Refused: ${verdict.reason}. Open the URL printed by "radar serve", token included.\n`)
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end()
      return
    }
    const path = new URL(req.url ?? '/', 'http://placeholder').pathname
    const file = await loadStatic(opts.staticDir, path)
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n')
      return
    }
    const headers: Record<string, string> = {
      'content-type': file.type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    }
    if (queryToken(req) !== null) {
      headers['set-cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
    }
    res.writeHead(200, headers)
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  http.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://placeholder').pathname
    const verdict =
      path === WS_PATH
        ? checkRequest(req, guard)
        : ({ ok: false, status: 403, reason: 'no such endpoint' } as const)
    if (!verdict.ok) {
      opts.logger.once(`ws-refused-${verdict.reason}`, 'warn', 'refused WebSocket upgrade', {
        reason: verdict.reason,
      })
      socket.end(
        `HTTP/1.1 ${verdict.status} ${verdict.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\n\r\n`,
      )
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => onClient(ws))
  })

  function send(ws: WebSocket, msg: ServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg))
  }

  function onClient(ws: WebSocket): void {
    const off = opts.bus.onAny((channel, payload) => send(ws, { kind: 'event', channel, payload }))
    ws.on('close', off)
    ws.on('message', (data) => void onMessage(ws, data.toString()))
  }

  async function onMessage(ws: WebSocket, text: string): Promise<void> {
    let msg: Partial<ClientMessage>
    try {
      msg = JSON.parse(text) as Partial<ClientMessage>
    } catch {
      send(ws, { kind: 'error', error: 'malformed message: not JSON' })
      return
    }
    if (typeof msg !== 'object' || msg === null || msg.kind !== 'invoke' || typeof msg.id !== 'number') {
      send(ws, {
        kind: 'error',
        error: 'malformed message: expected {kind:"invoke", id:number, channel, payload}',
      })
      return
    }
    const envelope = await dispatchInvoke(opts.handlers, msg.channel, msg.payload)
    if (!envelope.ok) opts.logger.once(`invoke-refused-${String(msg.channel)}`, 'warn', envelope.error)
    send(ws, { kind: 'result', id: msg.id, ...envelope })
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(opts.port ?? 0, host, () => resolve())
  })
  const port = (http.address() as AddressInfo).port
  guard.allowedHosts = allowedHostsFor(host, port)
  const urlHost = host.includes(':') ? `[${host}]` : host
  const url = `http://${urlHost}:${port}/?${TOKEN_PARAM}=${token}`
  opts.logger.info('browser mode listening', { host, port })

  return {
    url,
    host,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close()
        http.close(() => resolve())
        http.closeAllConnections()
      }),
  }
}
