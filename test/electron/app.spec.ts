import { expect } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { EVENT_CHANNELS, INVOKE_CHANNELS, subscriberName } from '../../src/shared/api-channels'
import { launchApp, test } from './electron-fixtures'

type Bridge = Record<string, (arg?: unknown) => Promise<unknown>>

test.describe('desktop window', () => {
  test('opens the terminal from app:// with the security settings, CSP and refusals', async () => {
    const { app, win } = await launchApp()
    await expect(win.getByRole('banner')).toContainText('Leverage Radar')
    expect(win.url()).toMatch(/^app:\/\/radar\//)
    const page = await win.evaluate(async () => {
      // No Node in the page (nodeIntegration off, sandbox on) and no IPC object leaked by the preload.
      const g = globalThis as unknown as { require?: unknown; process?: unknown; ipcRenderer?: unknown }
      const csp = (await fetch(location.href)).headers.get('content-security-policy')
      const popup = window.open('https://example.com/')
      return {
        node: [typeof g.require, typeof g.process, typeof g.ipcRenderer],
        csp,
        popup: popup === null,
      }
    })
    expect(page).toEqual({
      node: ['undefined', 'undefined', 'undefined'],
      csp: expect.stringContaining("default-src 'self'"),
      popup: true,
    })
    // Navigation away from the app's page is refused.
    const before = win.url()
    await win.evaluate(() => {
      location.href = 'https://example.com/'
    })
    await win.waitForTimeout(500)
    expect(win.url()).toBe(before)
    await app.close()
  })

  test('the preload exposes exactly the contract, and payloads are checked by the engine process', async () => {
    const { app, win } = await launchApp()
    const keys = await win.evaluate(() =>
      Object.keys((globalThis as unknown as { radar: object }).radar).sort(),
    )
    expect(keys).toEqual([...INVOKE_CHANNELS, ...EVENT_CHANNELS.map((c) => subscriberName(c))].sort())
    const info = await win.evaluate(() => (globalThis as unknown as { radar: Bridge }).radar.getAppInfo!())
    expect(info).toMatchObject({ shell: 'electron' })
    const refused = await win.evaluate(() =>
      (globalThis as unknown as { radar: Bridge }).radar.watchSeries!({ key: 42 }).then(
        () => 'accepted',
        (err: Error) => err.message,
      ),
    )
    expect(refused).toMatch(/invalid payload for watchSeries: key/)
    await app.close()
  })

  test('the engine runs in a utility process and is restarted, state restored, when it dies', async () => {
    const { app, win } = await launchApp()
    await expect(win.getByTestId('worker-state')).toContainText('running')
    const engineProcess = () =>
      app.evaluate(
        ({ app: a }) => a.getAppMetrics().find((m) => m.serviceName === 'Leverage Radar engine')?.pid,
      )
    const pid = await engineProcess()
    expect(pid).toBeGreaterThan(0)
    expect(pid).not.toBe(await app.evaluate(() => process.pid))
    process.kill(pid!, 'SIGKILL')
    await expect(win.getByText(/The engine process was restarted/)).toBeVisible({ timeout: 30_000 })
    await expect.poll(engineProcess, { timeout: 30_000 }).not.toBe(pid)
    await expect(win.getByTestId('worker-state')).toContainText('running')
    await app.close()
  })

  test('the window talks to the engine on its own MessagePort, and gets a new one after a restart', async () => {
    const { app, win } = await launchApp()
    // The main process only hands ports over: one port-request listener, no invoke handler of its own.
    const main = await app.evaluate(({ ipcMain }) => ({
      portRequests: ipcMain.listenerCount('radar:port-request'),
      // handle() throws when the channel already has a handler.
      invokeHandler: (() => {
        try {
          ipcMain.handle('radar:invoke', () => null)
          ipcMain.removeHandler('radar:invoke')
          return 'none'
        } catch {
          return 'registered'
        }
      })(),
    }))
    expect(main).toEqual({ portRequests: 1, invokeHandler: 'none' })
    const statusEvent = () =>
      win.evaluate(
        () =>
          new Promise<string>((done) => {
            const radar = (
              globalThis as unknown as { radar: Record<string, (l: (p: unknown) => void) => () => void> }
            ).radar
            const off = radar.onEngineStatus!((p) => {
              off()
              done((p as { source: { kind: string } }).source.kind)
            })
            setTimeout(() => done('no event within 10 s'), 10_000)
          }),
      )
    expect(await statusEvent()).toBe('none')
    const pid = await app.evaluate(
      ({ app: a }) => a.getAppMetrics().find((m) => m.serviceName === 'Leverage Radar engine')?.pid,
    )
    process.kill(pid!, 'SIGKILL')
    await expect(win.getByText(/The engine process was restarted/)).toBeVisible({ timeout: 30_000 })
    // Requests and events flow again, on the port the restarted engine was given.
    const info = await win.evaluate(() => (globalThis as unknown as { radar: Bridge }).radar.getAppInfo!())
    expect(info).toMatchObject({ shell: 'electron' })
    expect(await statusEvent()).toBe('none')
    await app.close()
  })

  test('a setting is kept in electron-store’s file and read back after a restart', async () => {
    const first = await launchApp()
    await first.win.evaluate(() =>
      (globalThis as unknown as { radar: Bridge }).radar.updateSettings!({ referenceAsset: 'ETH' }),
    )
    await first.app.close()
    const onDisk = JSON.parse(readFileSync(join(first.userDataDir, 'settings.json'), 'utf8')) as {
      referenceAsset: string
    }
    expect(onDisk.referenceAsset).toBe('ETH')
    const second = await launchApp(first.userDataDir)
    const view = (await second.win.evaluate(() =>
      (globalThis as unknown as { radar: Bridge }).radar.getSettings!(),
    )) as { settings: { referenceAsset: string } }
    expect(view.settings.referenceAsset).toBe('ETH')
    await second.app.close()
  })

  test('Settings turns update checks off, kept in the settings file', async () => {
    const { app, win, userDataDir } = await launchApp()
    await win.getByRole('tab', { name: 'Settings' }).click()
    const updates = win.getByRole('checkbox', { name: /Check for updates/ })
    await expect(updates).toBeChecked()
    await updates.uncheck()
    await expect(win.getByTestId('settings-saved')).toContainText('Saved')
    const onDisk = JSON.parse(readFileSync(join(userDataDir, 'settings.json'), 'utf8')) as {
      checkForUpdates: boolean
    }
    expect(onDisk.checkForUpdates).toBe(false)
    await app.close()
  })

  test('desktop notifications are granted to the app’s page (alerts use them)', async () => {
    const { app, win } = await launchApp()
    const permission = await win.evaluate(async () => {
      const asked = await Notification.requestPermission()
      const shown = await new Promise<string>((done) => {
        const n = new Notification('Leverage Radar', { body: 'test notification' })
        n.onshow = () => done('shown')
        n.onerror = () => done('error')
        setTimeout(() => done('no event'), 3000)
      })
      return { asked, current: Notification.permission, shown }
    })
    expect(permission.asked).toBe('granted')
    expect(permission.current).toBe('granted')
    expect(permission.shown).not.toBe('error')
    await app.close()
  })
})
