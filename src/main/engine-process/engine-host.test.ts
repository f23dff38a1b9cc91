/**
 * The engine in its own process, driven from plain Node through the same protocol the window and the
 * browser-mode server use: the built entry (out/main/engine-process.js) forked as `radar serve` forks it.
 * `npm test` builds before the unit tests; alone, run `npx electron-vite build` first.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Notice } from '../../shared/engine-status'
import type { EventChannel, EventPayloads } from '../../shared/api'
import { EngineHost } from './engine-host'
import { forkEngine } from './node-launch'
import type { Resume } from './protocol'
import { NOTHING_TO_RESUME } from './protocol'

const REPO = resolve(import.meta.dirname, '..', '..', '..')
const ENTRY = join(REPO, 'out', 'main', 'engine-process.js')
const SAMPLE = join(REPO, 'resources', 'samples', 'binance-btcusdt-2023-04-05.radar')
// The sample's first event is at 2023-04-04 23:59:59.999 UTC (docs/samples: Binance recording from 23:58:20,
// cut to the minute before 2023-04-05); 90 s later is well inside its ~7 minutes.
const SEEK_TS_MS = Date.UTC(2023, 3, 5, 0, 1, 30)

const hosts: EngineHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()))
}, 30_000)

function host(
  opts: { resume?: Resume; maxQuickCrashes?: number; parentEvents?: 'all' | 'restorable' } = {},
): EngineHost {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run "npx electron-vite build" first`)
  const h = new EngineHost({
    launch: forkEngine(ENTRY, { silent: true }),
    boot: {
      userDataDir: mkdtempSync(join(tmpdir(), 'radar-engine-process-')),
      shell: 'browser',
      diagnostics: true,
      echoLogs: false,
      resourcesDir: null,
      settingsBackend: 'conf',
      launch: 'idle',
      ...(opts.parentEvents ? { parentEvents: opts.parentEvents } : {}),
    },
    resume: opts.resume ?? NOTHING_TO_RESUME,
    ...(opts.maxQuickCrashes !== undefined ? { maxQuickCrashes: opts.maxQuickCrashes } : {}),
  })
  hosts.push(h)
  return h
}

function nextEvent<E extends EventChannel>(
  h: EngineHost,
  channel: E,
  match: (payload: EventPayloads[E]) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<EventPayloads[E]> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      off()
      fail(new Error(`no matching ${channel} event within ${timeoutMs} ms`))
    }, timeoutMs)
    const off = h.bus.on(channel, (payload) => {
      if (!match(payload)) return
      clearTimeout(timer)
      off()
      done(payload)
    })
  })
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

// Each case boots one or more engine processes (ccxt and the scoring worker load in each): seconds apiece.
describe('engine process', { timeout: 90_000 }, () => {
  it('answers invokes through the contract, refuses bad payloads by name, and pushes events', async () => {
    const h = host()
    const { appInfo } = await h.start()
    expect(h.pid).toBeGreaterThan(0)
    expect(h.pid).not.toBe(process.pid)
    expect(appInfo.shell).toBe('browser')
    expect((await h.handlers.getAppInfo(undefined)).settingsPath).toBe(
      join(appInfo.userDataDir, 'settings.json'),
    )

    // Validated inside the engine process by the contract's schema: the error names channel and field.
    await expect(h.handlers.watchSeries({ key: 42 } as never)).rejects.toThrow(
      /invalid payload for watchSeries: key/,
    )
    // The status timer runs in the engine process and reaches this side as events.
    const status = await nextEvent(h, 'engineStatus')
    expect(status.source.kind).toBe('none')

    // A settings change reaches the engine and the windows through the store's own change event.
    const settingsEvent = nextEvent(h, 'settings', (v) => v.settings.referenceAsset === 'ETH')
    const view = await h.handlers.updateSettings({ referenceAsset: 'ETH' })
    expect(view.settings.referenceAsset).toBe('ETH')
    expect((await settingsEvent).path).toBe(appInfo.settingsPath)
  })

  it('restarts a crashed engine with its session, position and speed restored, and says so', async () => {
    const h = host({
      resume: { ...NOTHING_TO_RESUME, session: { path: SAMPLE, playing: false, tsMs: null, speed: 1 } },
    })
    await h.start()
    const opened = await h.handlers.getReplayPosition(undefined)
    expect(opened?.path).toBe(SAMPLE)
    expect(opened?.state).toBe('paused')
    await h.handlers.replayControl({ action: 'seek', tsMs: SEEK_TS_MS })
    const seeked = await h.handlers.replayControl({ action: 'speed', speed: 100 })
    expect(seeked.speed).toBe(100)
    // A seek lands on the batch boundary at or just after the target, never before it.
    expect(seeked.sessionTsMs).toBeGreaterThanOrEqual(SEEK_TS_MS)
    expect(seeked.sessionTsMs! - SEEK_TS_MS).toBeLessThan(1000)
    await h.handlers.watchSeries({ key: 'binanceusdm:BTC/USDT:USDT' })
    const pidBefore = h.pid

    const notice = nextEvent(h, 'notice', (n: Notice) =>
      n.message.startsWith('The engine process was restarted'),
    )
    h.simulateCrash()
    await until(() => h.hostState === 'restarting')
    // An invoke sent during the restart waits for the new process instead of failing.
    const during = h.handlers.getReplayPosition(undefined)
    const shown = await notice
    expect(shown.level).toBe('warning')
    expect(shown.message).toContain('was killed by SIGKILL')
    expect(shown.message).toContain('Its state was restored')
    expect(h.pid).not.toBe(pidBefore)
    expect(h.restarts).toHaveLength(1)

    const after = await during
    expect(after?.path).toBe(SAMPLE)
    expect(after?.state).toBe('paused')
    expect(after?.speed).toBe(100)
    expect(after?.sessionTsMs).toBe(seeked.sessionTsMs)
  })

  it('with windows on their own ports, the host hears only the events it restores after a crash', async () => {
    const h = host({ parentEvents: 'restorable' })
    await h.start()
    const heard = new Set<string>()
    h.bus.onAny((channel) => heard.add(channel))
    await h.handlers.updateSettings({ referenceAsset: 'ETH' })
    // The status timer still reaches the host (it restores the source from it); the settings event does not.
    await nextEvent(h, 'engineStatus')
    await nextEvent(h, 'engineStatus')
    expect([...heard].sort()).toEqual(['engineStatus'])
    // Node's fork cannot carry a MessagePort: a window port handed to this host is closed, not kept.
    let closed = 0
    h.attachWindowPort({ close: () => void closed++ })
    expect(closed).toBe(1)
  })

  it('gives up after repeated quick crashes, says so, and refuses invokes with the reason', async () => {
    const h = host({ maxQuickCrashes: 1 })
    const failed: string[] = []
    h.onFailed((reason) => failed.push(reason))
    await h.start()
    const restarted = nextEvent(h, 'notice', (n) => n.message.startsWith('The engine process was restarted'))
    h.simulateCrash()
    await restarted
    const gaveUp = nextEvent(h, 'notice', (n) => n.level === 'error')
    h.simulateCrash()
    expect((await gaveUp).message).toMatch(/stopped and was not restarted: was killed by SIGKILL, 2 times/)
    expect(h.hostState).toBe('failed')
    // Windows hear it too (the desktop app fails their waiting requests with it).
    expect(failed).toEqual([expect.stringMatching(/was killed by SIGKILL, 2 times/)])
    await expect(h.handlers.getAppInfo(undefined)).rejects.toThrow(/the engine is not running/)
  })
})
