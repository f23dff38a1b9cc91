/**
 * Electron entry: the desktop door onto the engine. The engine runs in its own utility process (see
 * engine-process/), so a large import or a max-speed replay never stalls window input; this process hands
 * each window a MessagePort to the engine (requests and events then bypass it), serves the app:// pages and
 * owns windows and updates. Started as `<app> --radar-cli ...` it
 * runs the `radar` CLI instead (see electron/cli-mode.ts).
 */
import { app, BrowserWindow } from 'electron'
import type { WebContents } from 'electron'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { EngineHost } from './engine-process/engine-host'
import { registerAppScheme, serveAppProtocol } from './electron/app-protocol'
import { rendererUrl } from './electron/app-origin'
import { cliArgsFrom, cliArgv } from './electron/cli-mode'
import { connectWindowPorts, forwardHostEvents } from './electron/ipc'
import { startUpdateChecks } from './electron/updates'
import { utilityEngine } from './electron/utility-launch'
import { createMainWindow, CSP, hardenSession, RENDERER_DIR } from './electron/window'

const here = fileURLToPath(new URL('.', import.meta.url))
const resourcesDir = app.isPackaged ? process.resourcesPath : null

if (process.env.RADAR_USER_DATA) app.setPath('userData', process.env.RADAR_USER_DATA)

const cliArgs = cliArgsFrom(process.argv)
if (cliArgs) void runCli(cliArgs)
else runDesktop()

async function runCli(args: string[]): Promise<void> {
  if (resourcesDir) process.env.RADAR_RESOURCES_DIR = resourcesDir
  app.dock?.hide()
  const entry = join(here, 'cli.js')
  process.argv = cliArgv(process.execPath, entry, args)
  await import(pathToFileURL(entry).href)
  app.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)
}

function runDesktop(): void {
  registerAppScheme()
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  void app.whenReady().then(async () => {
    const url = rendererUrl(app.isPackaged, process.env.ELECTRON_RENDERER_URL)
    serveAppProtocol(RENDERER_DIR, CSP)
    hardenSession(url)
    const engine = new EngineHost({
      launch: utilityEngine(join(here, 'engine-process.js'), process.env),
      boot: {
        userDataDir: app.getPath('userData'),
        shell: 'electron',
        diagnostics: process.env.RADAR_DIAGNOSTICS === '1',
        echoLogs: false,
        // The packaged app's bundled samples and tiers (extraResources), given explicitly.
        resourcesDir,
        settingsBackend: 'electron-store',
        launch: null,
        // Windows hear the engine on their own ports; this process only what it restores after a crash.
        parentEvents: 'restorable',
      },
      log: (message) => console.error(message),
    })
    const windows = new Map<number, WebContents>()
    connectWindowPorts({
      engine,
      windows: () => [...windows.values()],
      loadedUrl: url,
      log: (message) => console.error(message),
    })
    const open = (): void => {
      const win = createMainWindow(url)
      const wc = win.webContents
      windows.set(wc.id, wc)
      const id = wc.id
      wc.once('destroyed', () => windows.delete(id))
      // Notices of the host itself (engine restarts, downloaded updates); the engine's own come on the port.
      forwardHostEvents(engine, ['notice'], wc)
    }
    // The window opens at once; its first requests wait for the engine to boot.
    open()
    const started = engine.start().catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err))
    })
    if (app.isPackaged) void started.then(() => void watchForUpdates(engine))
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open()
    })
    app.on('window-all-closed', () => void engine.stop().then(() => app.quit()))
  })
}

/** electron-updater, loaded only in the packaged desktop app (it imports electron at load). */
async function watchForUpdates(engine: EngineHost): Promise<void> {
  const { default: updaterModule } = await import('electron-updater')
  startUpdateChecks({
    updater: updaterModule.autoUpdater,
    enabled: async () => (await engine.handlers.getSettings(undefined)).settings.checkForUpdates,
    notify: (notice) => engine.bus.emit('notice', notice),
    log: (message) => console.error(message),
  })
}
