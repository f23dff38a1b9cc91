/**
 * The engine process: one entry for both hosts. Electron starts it with `utilityProcess.fork` (frames over
 * `process.parentPort`), browser mode and tests with `child_process.fork` (frames over Node's IPC channel).
 * The first frame boots the engine; then every invoke is dispatched through the contract's own validation
 * and every engine event is forwarded.
 */
import { bootEngine } from '../engine/boot'
import type { BootedEngine } from '../engine/boot'
import { dispatchInvoke } from '../engine/api/handlers'
import { stopServices } from '../engine/services'
import { openConfSettings } from '../engine/settings/conf-settings'
import type { SettingsStore } from '../engine/settings/settings-store'
import workerPath from '../engine/scoring/worker-path'
import type { BootFrame, FrameChannel, FromEngine, ToEngine } from './protocol'
import { parseFrame, toEngineSchema } from './protocol'
import { RESTORABLE_EVENTS } from './restorable-state'
import { paceSnapshots } from '../engine/snapshot-pacer'
import { applyResume } from './resume'
import type { WindowPort } from './window-port'
import { serveWindowPort } from './window-port'

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown; ports?: unknown[] }) => void): void
  postMessage(message: unknown): void
}

/** Electron's MessagePortMain, as a window's port arrives here. */
interface MainPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void
  on(event: 'close', listener: () => void): void
  postMessage(message: unknown): void
  start(): void
  close(): void
}

function windowPortOf(port: MainPort): WindowPort {
  return {
    postMessage: (m) => port.postMessage(m),
    onMessage: (l) => port.on('message', (e) => l(e.data)),
    onClose: (l) => port.on('close', l),
    close: () => port.close(),
  }
}

/** `sent` runs once the frame has left: written into the pipe, or handed to Electron's port. */
type ParentChannel = Omit<FrameChannel<unknown, FromEngine>, 'send'> & {
  send(frame: FromEngine, sent?: () => void): void
}

function parentChannel(): ParentChannel {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort
  if (port) {
    return {
      send: (f, sent) => {
        port.postMessage(f)
        sent?.()
      },
      onFrame: (l) => port.on('message', (e) => l(e.data, e.ports ?? [])),
    }
  }
  if (!process.send)
    throw new Error('the engine process needs a parent: start it with fork or utilityProcess')
  return {
    // Once the host is gone (killed, not stopped) there is nobody to tell: frames are dropped, not thrown.
    send: (f, sent) => {
      if (process.connected) process.send?.(f, undefined, undefined, () => sent?.())
      else sent?.()
    },
    onFrame: (l) => process.on('message', (m) => l(m, [])),
  }
}

async function openSettingsFor(
  backend: BootFrame['settingsBackend'],
): Promise<(dir: string) => SettingsStore> {
  if (backend === 'conf') return openConfSettings
  // Only inside Electron's utility process: electron-store imports 'electron' at load.
  const { openElectronSettings } = await import('../electron/electron-settings')
  return openElectronSettings
}

const parent = parentChannel()
let booted: BootedEngine | null = null
let diagnostics = false
let stopping = false

async function boot(frame: BootFrame): Promise<void> {
  // The packaged app's resources folder, read by findResourcesDir wherever the engine needs bundled files.
  if (frame.resourcesDir) process.env.RADAR_RESOURCES_DIR = frame.resourcesDir
  diagnostics = frame.diagnostics
  const options = {
    userDataDir: frame.userDataDir,
    shell: frame.shell,
    workerPath,
    openSettings: await openSettingsFor(frame.settingsBackend),
    diagnostics: frame.diagnostics,
    echoLogs: frame.echoLogs,
    ...(frame.launch ? { launch: frame.launch } : {}),
  }
  booted = bootEngine(options)
  // Desktop windows have their own ports; the host then hears only what it restores after a crash.
  const toParent = frame.parentEvents === 'restorable' ? new Set(RESTORABLE_EVENTS) : null
  // Under flow control like a window's feed: the next batch once the pipe took the last (the parent then
  // paces each browser tab by its own acknowledgements), markets merged meanwhile.
  const toParentPaced = paceSnapshots((channel, payload) =>
    parent.send({ kind: 'event', channel, payload }, () => toParentPaced.ack()),
  )
  booted.engine.bus.onAny((channel, payload) => {
    if (!toParent || toParent.has(channel)) toParentPaced.listener(channel, payload)
  })
  const lost = await applyResume(booted, frame.resume)
  parent.send({ kind: 'ready', appInfo: booted.appInfo, lost })
}

async function stop(code: number): Promise<never> {
  if (!stopping && booted) {
    stopping = true
    stopServices(booted.services)
    await booted.engine.stop()
  }
  parent.send({ kind: 'stopped' })
  // Let the last frame leave before the channel closes.
  setTimeout(() => process.exit(code), 50)
  return new Promise<never>(() => {})
}

function attachWindowPort(ports: readonly unknown[]): void {
  const port = ports[0] as MainPort | undefined
  if (!port || !booted) {
    process.stderr.write(`engine process: a window-port frame ${port ? 'before boot' : 'without a port'}\n`)
    ;(port as MainPort | undefined)?.close()
    return
  }
  serveWindowPort(
    windowPortOf(port),
    { handlers: booted.handlers, bus: booted.engine.bus },
    (channel, request) => parent.send({ kind: 'observed', channel, request }),
    (message) => process.stderr.write(`engine process: ${message}\n`),
  )
  // MessagePortMain queues messages until started.
  port.start()
}

async function onFrame(frame: ToEngine, ports: readonly unknown[]): Promise<void> {
  switch (frame.kind) {
    case 'boot':
      if (booted) return
      try {
        await boot(frame)
      } catch (err) {
        parent.send({ kind: 'fatal', error: err instanceof Error ? err.message : String(err) })
        setTimeout(() => process.exit(1), 50)
      }
      return
    case 'invoke': {
      const envelope = booted
        ? await dispatchInvoke(booted.handlers, frame.channel, frame.payload)
        : { ok: false as const, error: 'the engine has not booted yet' }
      parent.send({ kind: 'result', id: frame.id, envelope })
      return
    }
    case 'window-port':
      attachWindowPort(ports)
      return
    case 'stop':
      await stop(0)
      return
    case 'crash':
      // A hard crash, as an out-of-memory kill would be: no cleanup runs.
      if (diagnostics) process.kill(process.pid, 'SIGKILL')
      return
  }
}

parent.onFrame((raw, ports) => {
  const parsed = parseFrame(toEngineSchema, raw)
  if (!parsed.ok) {
    process.stderr.write(`engine process: ${parsed.error}\n`)
    return
  }
  void onFrame(parsed.frame, ports)
})

// A stray rejection must not take every venue down with it: ccxt can reject a send on a socket the radar has
// just closed (Stop, or a market leaving the watchlist while its subscription is in flight). It is logged
// and the engine keeps serving; the streams' own watchdogs deal with a connection that stays broken.
process.on('unhandledRejection', (reason) => {
  const message = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)
  process.stderr.write(`engine process: unhandled rejection, kept running: ${message}\n`)
  booted?.engine.logger.error('unhandled rejection, kept running', { reason: message })
})

// The host went away (browser mode's server killed): nothing is left to serve.
process.on('disconnect', () => void stop(0))
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0))
