import { BrowserWindow, session, shell } from 'electron'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))

/** External links that may open in the user's browser (https only). */
const EXTERNAL_ALLOW_LIST = new Set(['github.com', 'www.binance.com', 'www.bybit.com', 'www.okx.com'])

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"

function openExternalIfAllowed(url: string): void {
  try {
    const u = new URL(url)
    if (u.protocol === 'https:' && EXTERNAL_ALLOW_LIST.has(u.hostname)) void shell.openExternal(url)
  } catch {
    // Not a URL: nothing to open.
  }
}

/** The terminal window with the security defaults: isolated, sandboxed, no Node, strict CSP, no popups. */
export function createMainWindow(): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0b0e14',
    title: 'Leverage Radar',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  })
  win.webContents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  win.once('ready-to-show', () => win.show())
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void win.loadFile(join(here, '../renderer/index.html'))
  return win
}
