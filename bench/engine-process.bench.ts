/**
 * Window-side event-loop delay while the engine works: a large import (Binance USD-M BTC + ETH perps and
 * BTC spot of 2024-08-08, ~228k recorded WebSocket lines) and then a max-speed replay of what it imported.
 * The bench process plays the window's (or the browser-mode server's) part: it drives the engine through
 * the same EngineHost and protocol, and measures its own event loop with perf_hooks.
 *
 * - before: the engine in this process (the built engine entry loaded here, as main used to run it);
 * - after: the engine in a forked child process (as `radar serve` runs it; Electron uses utilityProcess).
 *
 * Each mode runs in a fresh process. Needs the build (`npm run bench` builds first). Goal: p99 < 50 ms.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { EngineProcessHandle } from '../src/main/engine-process/engine-host'
import { EngineHost } from '../src/main/engine-process/engine-host'
import { forkEngine } from '../src/main/engine-process/node-launch'
import { NOTHING_TO_RESUME } from '../src/main/engine-process/protocol'
import type { ToEngine } from '../src/main/engine-process/protocol'

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..')
const ENTRY = join(root, 'out', 'main', 'engine-process.js')
const DATA = resolve(root, '..', 'shared', 'data', 'binance-ws')
const IMPORT_PATHS = ['usdm/btcusdt_20240808.gz', 'usdm/ethusdt_20240808.gz', 'spot/btcusdt_20240808.gz'].map(
  (p) => join(DATA, p),
)
type Mode = 'before' | 'after'

/** The built entry loaded into this process, talking through a stand-in for Electron's parentPort. */
function inProcessEngine(): EngineProcessHandle {
  let toEngine: ((e: { data: unknown }) => void) | null = null
  const early: ToEngine[] = []
  const toHost: ((raw: unknown) => void)[] = []
  ;(process as unknown as { parentPort: unknown }).parentPort = {
    on: (_event: 'message', l: (e: { data: unknown }) => void) => {
      toEngine = l
      // Frames sent while the entry was still loading.
      for (const frame of early.splice(0)) l({ data: frame })
    },
    postMessage: (m: unknown) => toHost.forEach((l) => l(m)),
  }
  void import(pathToFileURL(ENTRY).href)
  return {
    pid: process.pid,
    send: (frame: ToEngine) => {
      const deliver = toEngine
      if (deliver) queueMicrotask(() => deliver({ data: frame }))
      else early.push(frame)
    },
    onFrame: (l) => void toHost.push(l),
    onExit: () => {},
    kill: () => {},
  }
}

interface Phase {
  name: string
  ms: number
  p50: number
  p99: number
  max: number
}

async function measure(name: string, work: () => Promise<void>): Promise<Phase> {
  const h = monitorEventLoopDelay({ resolution: 5 })
  h.enable()
  const t0 = performance.now()
  await work()
  const ms = performance.now() - t0
  h.disable()
  const toMs = (ns: number): number => Math.round(ns / 1e5) / 10
  return {
    name,
    ms: Math.round(ms),
    p50: toMs(h.percentile(50)),
    p99: toMs(h.percentile(99)),
    max: toMs(h.max),
  }
}

async function runMode(mode: Mode): Promise<Phase[]> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'radar-bench-engine-'))
  const engine = new EngineHost({
    launch: mode === 'after' ? forkEngine(ENTRY, { silent: true }) : inProcessEngine,
    boot: {
      userDataDir,
      shell: 'browser',
      diagnostics: false,
      echoLogs: false,
      resourcesDir: null,
      settingsBackend: 'conf',
      launch: 'idle',
    },
    resume: NOTHING_TO_RESUME,
  })
  await engine.start()
  // What a window does with the events: receive every one (snapshots, series, positions, progress).
  let events = 0
  engine.bus.onAny(() => events++)
  let sessionPath = ''
  const phases = [
    await measure('import', async () => {
      const done = new Promise<string>((ok, fail) =>
        engine.bus.on('importProgress', (p) => {
          if (p.state === 'done' && p.sessionPath) ok(p.sessionPath)
          else if (p.state === 'failed' || p.state === 'cancelled')
            fail(new Error(`import ${p.state}: ${p.message}`))
        }),
      )
      await engine.handlers.startImport({
        format: 'binance-ws',
        paths: IMPORT_PATHS,
        name: 'bench-2024-08-08',
      })
      sessionPath = await done
    }),
    await measure('replay max', async () => {
      await engine.handlers.openSession({ path: sessionPath, autoPlay: false })
      await engine.handlers.watchSeries({ key: 'binanceusdm:BTC/USDT:USDT' })
      await engine.handlers.replayControl({ action: 'speed', speed: 'max' })
      const ended = new Promise<void>((ok) =>
        engine.bus.on('replayPosition', (p) => {
          if (p?.state === 'ended') ok()
        }),
      )
      await engine.handlers.replayControl({ action: 'play' })
      await ended
    }),
  ]
  process.stderr.write(`(${mode}: ${events} events received)\n`)
  // The in-process engine's stop ends this very process (as it ends its own): only the child is stopped.
  if (mode === 'after') await engine.stop()
  rmSync(userDataDir, { recursive: true, force: true })
  return phases
}

const modeArg = process.argv.indexOf('--mode')
if (modeArg !== -1) {
  const phases = await runMode(process.argv[modeArg + 1] as Mode)
  // The in-process engine keeps timers alive: exit once the line has left (a pipe write is asynchronous).
  process.stdout.write(`${JSON.stringify(phases)}\n`, () => process.exit(0))
} else {
  const results: Record<Mode, Phase[]> = { before: [], after: [] }
  for (const mode of ['before', 'after'] as const) {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--mode', mode],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        timeout: 600_000,
      },
    )
    // The engine may print its own lines in the in-process mode; the figures are the JSON line.
    const line = r.stdout.split('\n').findLast((l) => l.startsWith('[{')) ?? ''
    if (r.status !== 0 || !line.startsWith('[')) {
      process.stdout.write(`engine-process.${mode}: failed (exit ${r.status})\n${r.stdout}\n`)
      continue
    }
    results[mode] = JSON.parse(line) as Phase[]
  }
  for (const mode of ['before', 'after'] as const) {
    const where = mode === 'before' ? 'engine in the window process' : 'engine in its own process'
    for (const p of results[mode]) {
      const key = `engine_process.${mode}.${p.name.replace(' ', '_')}`
      process.stdout.write(
        `${key}: loop delay p50 ${p.p50} ms, p99 ${p.p99} ms, max ${p.max} ms over ${p.ms} ms (${where})\n`,
      )
    }
  }
  for (const name of ['import', 'replay max']) {
    const b = results.before.find((p) => p.name === name)
    const a = results.after.find((p) => p.name === name)
    if (a && b)
      process.stdout.write(
        `engine_process.${name.replace(' ', '_')}.p99_ratio: ${(a.p99 / b.p99).toFixed(2)} (after/before; goal: after p99 < 50 ms: ${a.p99 < 50 ? 'met' : 'not met'})\n`,
      )
  }
}
