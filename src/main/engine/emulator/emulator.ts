import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { BinanceVenue } from './binance-venue'
import { BybitVenue } from './bybit-venue'
import type { FaultKind, FaultSpec } from './faults'
import { RestFaults } from './faults'
import { json, send, toRestRequest } from './http-util'
import { OkxVenue } from './okx-venue'
import { publishedExample } from './published-examples'
import { DEFAULT_DATA_DIR } from './recordings'
import type { ReplayFeed } from './replay-feed'
import { EmulatedConnection } from './ws-server'
import { UniverseRoutes } from './universe-routes'

export interface EmulatorOptions {
  /** 0 = any free port. */
  port?: number
  /** Replay pace: 1 = as recorded. */
  speed?: number
  /** Replay the Binance recordings in a loop (times and ids keep increasing), for soak runs. */
  loop?: boolean
  dataDir?: string
}

export interface EmulatorStats {
  connections: number
  served429: number
  served500: number
  restRequests: number
}

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`: the override origin for every venue's REST base URL. */
  restUrl: string
  /** `ws://127.0.0.1:<port>`: the override origin for every venue's WebSocket base URL. */
  wsUrl: string
  port: number
  inject(fault: FaultKind | FaultSpec): void
  stats(): EmulatorStats
  close(): Promise<void>
}

const TICK_MS = 10

/** Starts an HTTP + WebSocket exchange emulator on 127.0.0.1 serving the recorded payloads. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const dataDir = opts.dataDir ?? DEFAULT_DATA_DIR
  const speed = opts.speed ?? 1
  const binance = new BinanceVenue({ dataDir, speed, loop: opts.loop ?? false })
  const bybit = new BybitVenue({ dataDir, speed })
  const okx = new OkxVenue({ dataDir, speed })
  const universe = new UniverseRoutes(dataDir)
  const restFaults = new RestFaults()
  const feeds = new Set<ReplayFeed>()
  const connections = new Set<EmulatedConnection>()
  let restRequests = 0

  const server = createServer((req, res) => {
    restRequests++
    const rreq = toRestRequest(req)
    const fault = restFaults.next(rreq.path)
    void (async () => {
      if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs ?? 2000))
      if (fault?.kind === '429') {
        const retry = String(fault.retryAfterSec ?? 1)
        return send(res, {
          ...json({ code: -1003, msg: 'Too many requests.' }, 429),
          headers: { 'Retry-After': retry },
        })
      }
      if (fault?.kind === '500')
        return send(res, json({ code: -1000, msg: 'An unknown error occurred.' }, 500))
      const reply =
        publishedExample(rreq) ??
        universe.handle(rreq) ??
        (await binance.handle(rreq)) ??
        bybit.handle(rreq) ??
        okx.handle(rreq)
      send(res, reply ?? json({ code: -1, msg: `emulator: no route for ${rreq.path}` }, 404))
    })().catch((err: unknown) => send(res, json({ code: -1, msg: String(err) }, 500)))
  })
  const wss = new WebSocketServer({ server })
  wss.on('connection', (ws, req) => {
    const conn = EmulatedConnection.open(ws, req, binance, bybit, okx, feeds)
    if (!conn) return
    connections.add(conn)
    ws.on('close', () => connections.delete(conn))
  })
  const timer = setInterval(() => {
    const now = Date.now()
    for (const f of feeds) f.tick(now)
  }, TICK_MS)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    restUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    inject(fault) {
      const spec: FaultSpec = typeof fault === 'string' ? { kind: fault } : fault
      if (spec.kind === '429' || spec.kind === '500' || spec.kind === 'slow') restFaults.add(spec)
      else for (const c of connections) c.inject(spec.kind)
    },
    stats: () => ({
      connections: connections.size,
      served429: restFaults.served429,
      served500: restFaults.served500,
      restRequests,
    }),
    async close() {
      clearInterval(timer)
      for (const c of wss.clients) c.terminate()
      await new Promise<void>((r) => wss.close(() => r()))
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
