import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { expect } from '@playwright/test'
import type { Page } from '@playwright/test'
import { REPO_ROOT, startServer } from '../support/radar-server'
import type { RunningServer } from '../support/radar-server'

/**
 * `radar emulate --port 0` as a child process (the e2e typecheck covers no engine code, so the emulator is not
 * imported); its first stdout line names the origin it bound.
 */
export async function spawnEmulator(
  /** Further `radar emulate` options, e.g. `['--refuse', '/futures/data/openInterestHist']`. */
  args: string[] = [],
): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin', 'radar.js'), 'emulate', '--port', '0', ...args],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const lines = createInterface({ input: child.stdout! })
  const first = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`radar emulate exited with ${String(code)} first`)))
  })
  const line = await first
  const origin = /REST (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1]
  if (!origin) throw new Error(`radar emulate printed "${line}", expected its REST origin`)
  return { origin, child }
}

/** Stops an emulator child started by `spawnEmulator`, waiting for it to exit. */
export async function stopEmulator(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  await exited
}

/** A user-data folder whose settings point the given venues at the emulator, as Settings → Venues saves them. */
export function emulatorUserData(origin: string, watchlist: string[], venues: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'radar-e2e-emulator-'))
  const urls = { rest: origin, ws: origin.replace('http://', 'ws://') }
  const baseUrls = Object.fromEntries(venues.map((v) => [v, urls]))
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, venues, watchlist, baseUrls }))
  return dir
}

export interface LiveOnEmulator {
  origin: string
  server: RunningServer
  /** Stops browser mode, then the emulator. */
  stop: () => Promise<void>
}

/**
 * A new user's first launch against the emulator: a fresh user-data folder pointing the venues at it, browser
 * mode started with no session (so it goes live by itself), the page open and LIVE without a click.
 */
export async function openLiveOnEmulator(
  page: Page,
  watchlist: string[],
  venues: string[],
): Promise<LiveOnEmulator> {
  const emu = await spawnEmulator()
  let server: RunningServer | null = null
  const stop = async (): Promise<void> => {
    await server?.stop()
    await stopEmulator(emu.child)
  }
  try {
    server = await startServer({
      userDataDir: emulatorUserData(emu.origin, watchlist, venues),
      env: { RADAR_LAUNCH: 'auto' },
    })
    await page.goto(server.url)
    await expect(page.getByTestId('source-badge')).toHaveText('LIVE', { timeout: 15_000 })
    return { origin: emu.origin, server, stop }
  } catch (err) {
    await stop()
    throw err
  }
}
