import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { expect, test } from '@playwright/test'
import { REPO_ROOT } from '../support/radar-server'

/** The built CLI as a user runs it: its own process, real stdout, stderr and signals. */
function radar(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [join(REPO_ROOT, 'bin', 'radar.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

function collect(child: ChildProcess): { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  return { out: () => out, err: () => err }
}

const exitOf = (child: ChildProcess): Promise<[number | null, NodeJS.Signals | null]> =>
  once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>

const BIG_SAMPLE = join(REPO_ROOT, 'resources', 'samples', 'binance-btc-eth-2024-08-08.radar')

test('radar scan --json prints pure JSON on stdout while ccxt reports malformed frames', async () => {
  test.setTimeout(60_000)
  // Every second the emulator sends a frame that is not JSON; ccxt logs each with its stack.
  const emulator = radar(['emulate', '--port', '0', '--fault', 'malformed', '--fault-every', '1'])
  try {
    const [line] = (await once(createInterface({ input: emulator.stdout! }), 'line')) as [string]
    const origin = /REST (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1]
    expect(origin, line).toBeTruthy()
    const ws = origin!.replace('http://', 'ws://')
    const scan = radar(['scan', '--venue', 'binanceusdm', '--symbols', 'BTC', '--seconds', '5', '--json'], {
      RADAR_BINANCEUSDM_REST_URL: origin,
      RADAR_BINANCEUSDM_WS_URL: ws,
      RADAR_BINANCE_REST_URL: origin,
      RADAR_BINANCE_WS_URL: ws,
    })
    const io = collect(scan)
    await exitOf(scan)
    expect(io.err()).toContain('onMessage JSON.parse')
    const snapshots = JSON.parse(io.out()) as { symbol: string }[]
    expect(snapshots.map((s) => s.symbol)).toEqual(['BTC/USDT:USDT'])
  } finally {
    emulator.kill('SIGTERM')
  }
})

test('radar replay | head: the reader closing the pipe ends the replay quietly', async () => {
  const replay = radar(['replay', BIG_SAMPLE, '--report', 'json'])
  let err = ''
  replay.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  // Like head -c 1: take the first bytes, then close the pipe.
  replay.stdout?.once('data', () => replay.stdout?.destroy())
  const [code, signal] = await exitOf(replay)
  expect({ code, signal, err }).toEqual({ code: 0, signal: null, err: '' })
})

for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  test(`radar replay stops within a second of ${sig} while busy`, async () => {
    const replay = radar(['replay', BIG_SAMPLE, '--speed', '10'])
    const io = collect(replay)
    // Well into the replay: at 10× the sample's day takes hours.
    await new Promise((r) => setTimeout(r, 2000))
    expect(replay.exitCode).toBeNull()
    const t0 = Date.now()
    replay.kill(sig)
    const [code] = await exitOf(replay)
    expect(Date.now() - t0).toBeLessThan(1000)
    expect(code).toBe(sig === 'SIGTERM' ? 143 : 130)
    expect(io.err()).toContain(`radar replay: stopping on ${sig}`)
  })
}

test('radar export stops within a second of SIGTERM', async () => {
  const out = mkdtempSync(join(tmpdir(), 'radar-export-stop-'))
  // A metrics row every second of the sample's span keeps the export busy far longer than the wait.
  const exporter = radar(['export', BIG_SAMPLE, '--format', 'csv', '--out', out, '--every', '1'])
  await new Promise((r) => setTimeout(r, 1500))
  expect(exporter.exitCode).toBeNull()
  const t0 = Date.now()
  exporter.kill('SIGTERM')
  const [code] = await exitOf(exporter)
  expect(Date.now() - t0).toBeLessThan(1000)
  expect(code).toBe(143)
})
