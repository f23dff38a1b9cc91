import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { REPO_ROOT } from '../support/radar-server'

/**
 * `radar emulate --port 0` as a child process (the e2e typecheck covers no engine code, so the emulator is not
 * imported); its first stdout line names the origin it bound.
 */
export async function spawnEmulator(): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'radar.js'), 'emulate', '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
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
