import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppInfo } from '../../shared/api'
import type { InvokeHandlers } from '../engine/api/handlers'
import { EventBus } from '../engine/event-bus'
import { createMemoryLogger } from '../engine/logging/logger'
import { answersValidRequest, openRawWs, rawSocket, upgradeRequest } from './fuzz/raw-ws'
import type { ServerTarget } from './fuzz/raw-ws'
import { SERVER_PROBES, seededRng } from './fuzz/server-probes'
import { startRadarServer } from './radar-server'
import type { RadarServer } from './radar-server'

const appInfo: AppInfo = {
  version: '0.0.0-test',
  shell: 'browser',
  userDataDir: '/nowhere',
  settingsPath: '/nowhere/settings.json',
  logPath: '/nowhere/logs/radar.log',
}
// Only getAppInfo answers; every other channel fails inside dispatch, as an engine fault would.
const handlers = { getAppInfo: () => appInfo } as unknown as InvokeHandlers

const staticDir = mkdtempSync(join(tmpdir(), 'radar-static-'))
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>')

const logger = createMemoryLogger()
const bus = new EventBus()
let server: RadarServer
let target: ServerTarget

beforeAll(async () => {
  server = await startRadarServer({ handlers, bus, logger, staticDir })
  target = { host: server.host, port: server.port, token: server.token }
})
afterAll(() => server.close())

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: server.host, port: server.port, path, headers }, (res) => {
      res.resume()
      resolve({ status: res.statusCode ?? 0, headers: res.headers })
    })
    req.on('error', reject)
    req.end()
  })
}

describe('browser-mode server under hostile clients', () => {
  it('answers a valid request to begin with', async () => {
    expect(await answersValidRequest(target)).toBe(true)
  })

  // Each vector once with a fixed seed; `npm run fuzz` runs them many times with varied inputs.
  for (const [i, probe] of SERVER_PROBES.entries()) {
    it(`survives: ${probe.name}`, async () => {
      const outcome = await probe.run(target, seededRng(1000 + i))
      expect(outcome.ok, outcome.detail).toBe(true)
      expect(await answersValidRequest(target)).toBe(true)
    })
  }

  it('keeps every logged line short, however long the hostile input was', () => {
    expect(logger.lines.length).toBeGreaterThan(0)
    for (const line of logger.lines) expect(line.msg.length).toBeLessThan(2100)
  })

  it('sends the security headers with refusals, redirects and not-found answers too', async () => {
    const answers = [
      await get('/'),
      await get(`/?token=${server.token}`),
      await get(`/${server.token}/no-such-file.js`),
      await get(`/${server.token}/`, { origin: 'http://evil.example' }),
      await get(`/${server.token}/`),
    ]
    expect(answers.map((a) => a.status)).toEqual([401, 302, 404, 403, 200])
    for (const a of answers) {
      expect(a.headers['content-security-policy']).toContain("default-src 'self'")
      expect(a.headers['x-content-type-options']).toBe('nosniff')
      expect(a.headers['x-frame-options']).toBe('DENY')
      expect(a.headers['referrer-policy']).toBe('no-referrer')
      expect(a.headers['set-cookie']).toBeUndefined()
    }
    expect(answers[1]?.headers.location).toBe(`/${server.token}/`)
  })

  it('sends the security headers on a refused WebSocket upgrade', async () => {
    const s = await rawSocket(target)
    s.write(upgradeRequest(target, '/api'))
    const text = await new Promise<string>((resolve) => {
      let data = ''
      s.on('data', (d: Buffer) => (data += d.toString()))
      s.on('close', () => resolve(data))
    })
    expect(text.split('\r\n')[0]).toBe('HTTP/1.1 401 Unauthorized')
    expect(text.toLowerCase()).toContain('content-security-policy:')
    expect(text.toLowerCase()).toContain('x-content-type-options: nosniff')
  })
})

describe('browser-mode server with clients that never read', () => {
  it('drops 20 non-reading clients with bounded memory while events flood out', async () => {
    const sockets = await Promise.all(Array.from({ length: 20 }, () => openRawWs(target)))
    // The clients stop reading: the kernel buffers fill and the rest waits in the server.
    for (const ws of sockets) ws.socket.pause()
    expect(server.connections()).toBe(20)
    const payload = 'p'.repeat(256 * 1024)
    const rss0 = process.memoryUsage.rss()
    let peak = rss0
    // 2,400 events of 256 KiB: 600 MiB to each client, 12 GiB in all without backpressure.
    for (let i = 0; i < 2400; i++) {
      // Notices pass unpaced (snapshots go under flow control), so this floods as fast as it is sent.
      bus.emit('notice', { level: 'info', message: payload, atMs: i })
      if (i % 20 === 0) {
        await new Promise((r) => setImmediate(r))
        peak = Math.max(peak, process.memoryUsage.rss())
      }
    }
    const deadline = Date.now() + 5000
    while (server.connections() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(server.connections()).toBe(0)
    // Budgets are 16 MiB a client and 64 MiB in all; allow for garbage not yet collected.
    expect((peak - rss0) / 1024 / 1024).toBeLessThan(200)
    for (const ws of sockets) ws.destroy()
    expect(await answersValidRequest(target)).toBe(true)
  })
})
