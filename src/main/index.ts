/** Electron entry: the desktop door onto the engine. */
import { app, BrowserWindow } from 'electron'
import { bootEngine } from './engine/boot'
import { stopServices } from './engine/services'
import workerPath from './engine/scoring/worker-path'
import { openElectronSettings } from './electron/electron-settings'
import { forwardEvents, registerIpcHandlers } from './electron/ipc'
import { createMainWindow } from './electron/window'

if (process.env.RADAR_USER_DATA) app.setPath('userData', process.env.RADAR_USER_DATA)

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

void app.whenReady().then(() => {
  const { engine, services, handlers } = bootEngine({
    userDataDir: app.getPath('userData'),
    shell: 'electron',
    workerPath,
    openSettings: openElectronSettings,
    diagnostics: process.env.RADAR_DIAGNOSTICS === '1',
  })
  const windows = new Set<number>()
  registerIpcHandlers(handlers, (wc) => windows.has(wc.id))
  const open = (): void => {
    const win = createMainWindow()
    windows.add(win.webContents.id)
    forwardEvents(engine.bus, win.webContents)
  }
  open()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open()
  })
  app.on('window-all-closed', () => {
    stopServices(services)
    void engine.stop().then(() => app.quit())
  })
})
