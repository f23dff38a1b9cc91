import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Notice } from '../../shared/engine-status'
import { DAILY_MS, startUpdateChecks } from './updates'
import type { Updater } from './updates'

/** A stand-in for electron-updater's autoUpdater that records checks and lets the test fire its events. */
function fakeUpdater() {
  const listeners = new Map<string, ((arg: never) => void)[]>()
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    checks: 0,
    fail: false,
    checkForUpdates: async () => {
      updater.checks++
      if (updater.fail) throw new Error('net::ERR_INTERNET_DISCONNECTED')
      return null
    },
    on: (event: string, listener: (arg: never) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener])
      return updater
    },
    emit: (event: string, arg: unknown) => listeners.get(event)?.forEach((l) => l(arg as never)),
  }
  return updater
}

afterEach(() => vi.useRealTimers())

describe('desktop update checks', () => {
  it('check at start and then once a day, download in the background and install on quit', async () => {
    vi.useFakeTimers()
    const updater = fakeUpdater()
    const checks = startUpdateChecks({
      updater: updater as Updater,
      enabled: async () => true,
      notify: () => {},
      log: () => {},
    })
    await vi.advanceTimersByTimeAsync(0)
    expect(updater.checks).toBe(1)
    expect(updater.autoDownload).toBe(true)
    expect(updater.autoInstallOnAppQuit).toBe(true)
    await vi.advanceTimersByTimeAsync(DAILY_MS - 1)
    expect(updater.checks).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(updater.checks).toBe(2)
    await vi.advanceTimersByTimeAsync(2 * DAILY_MS)
    expect(updater.checks).toBe(4)
    checks.stop()
  })

  it('does not check while the setting is off, and checks again once it is on', async () => {
    vi.useFakeTimers()
    const updater = fakeUpdater()
    let on = false
    const checks = startUpdateChecks({
      updater: updater as Updater,
      enabled: async () => on,
      notify: () => {},
      log: () => {},
    })
    await vi.advanceTimersByTimeAsync(DAILY_MS)
    expect(updater.checks).toBe(0)
    on = true
    await vi.advanceTimersByTimeAsync(DAILY_MS)
    expect(updater.checks).toBe(1)
    checks.stop()
  })

  it('announces a downloaded version once in the notice area, and only logs a failed check', async () => {
    const updater = fakeUpdater()
    updater.fail = true
    const notices: Notice[] = []
    const logged: string[] = []
    const checks = startUpdateChecks({
      updater: updater as Updater,
      enabled: async () => true,
      notify: (n) => notices.push(n),
      log: (m) => logged.push(m),
      now: () => 1_700_000_000_000,
    })
    await checks.check()
    expect(logged.at(-1)).toBe('update check failed: net::ERR_INTERNET_DISCONNECTED')
    expect(notices).toEqual([])
    updater.emit('update-downloaded', { version: '0.2.0' })
    updater.emit('update-downloaded', { version: '0.2.0' })
    expect(notices).toEqual([
      {
        level: 'info',
        message: 'Leverage Radar 0.2.0 is downloaded and will be installed when you quit the app.',
        atMs: 1_700_000_000_000,
      },
    ])
    checks.stop()
  })
})
