import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import WebSocket from 'ws'

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..')

export interface RunningServer {
  url: string
  origin: string
  token: string
  userDataDir: string
  process: ChildProcess
  stop(): Promise<void>
}

/** Starts `radar serve` (the built app) on a free port with its own user-data folder. */
export async function startServer(
  opts: { userDataDir?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningServer> {
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'radar-e2e-'))
  const child = spawn(
    process.execPath,
    [
      join(REPO_ROOT, 'bin', 'radar.js'),
      'serve',
      '--port',
      '0',
      '--user-data',
      userDataDir,
      '--diagnostics',
      ...(opts.args ?? []),
    ],
    {
      cwd: REPO_ROOT,
      // Tests and benches open their own sources: no launch probe, no launch sample, unless a test asks for it.
      env: { ...process.env, RADAR_LAUNCH: 'idle', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`radar serve printed no URL in 20 s:\n${output}`)),
      20_000,
    )
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      // The URL carries the per-run token as its first path segment: http://127.0.0.1:PORT/<token>/
      const m = /http:\/\/[^\s/]+\/[0-9a-f]{16,}\//.exec(output)
      if (m) {
        clearTimeout(timer)
        resolveUrl(m[0])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`radar serve exited with ${code}:\n${output}`)))
  })
  const parsed = new URL(url)
  return {
    url,
    origin: parsed.origin,
    token: parsed.pathname.split('/')[1] ?? '',
    userDataDir,
    process: child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 5000).unref()
      }),
  }
}

/** A raw WebSocket client speaking the browser-mode protocol, for tests that bypass the UI. */
export async function openApiSocket(
  server: RunningServer,
  headers: Record<string, string> = { Origin: server.origin },
): Promise<{ ws: WebSocket; call: (msg: unknown) => Promise<Record<string, unknown>>; close: () => void }> {
  const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/${server.token}/api`, { headers })
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res())
    ws.once('error', rej)
    ws.once('unexpected-response', (_req, resp) => rej(new Error(`HTTP ${resp.statusCode}`)))
  })
  const call = (msg: unknown): Promise<Record<string, unknown>> =>
    new Promise((res) => {
      const onMessage = (data: WebSocket.RawData): void => {
        const parsed = JSON.parse(data.toString()) as Record<string, unknown>
        if (parsed.kind === 'event') return
        ws.off('message', onMessage)
        res(parsed)
      }
      ws.on('message', onMessage)
      ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg))
    })
  return { ws, call, close: () => ws.close() }
}
