import { BrowserWindow, session, shell } from 'electron'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isAllowedPermission, isTrustedFrameUrl } from './app-origin'

const here = fileURLToPath(new URL('.', import.meta.url))

/** External links that may open in the user's browser (https only). */
const EXTERNAL_ALLOW_LIST = new Set(['github.com', 'www.binance.com', 'www.bybit.com', 'www.okx.com'])

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"

/** The preload beside the built main bundle: out/main -> out/preload. */
export const PRELOAD_PATH = join(here, '../preload/index.cjs')
/** The built renderer, served over app:// (see app-protocol.ts). */
export const RENDERER_DIR = join(here, '../renderer')

function openExternalIfAllowed(url: string): void {
  try {
    const u = new URL(url)
    if (u.protocol === 'https:' && EXTERNAL_ALLOW_LIST.has(u.hostname)) void shell.openExternal(url)
  } catch {
    // Not a URL: nothing to open.
  }
}

/**
 * Session-wide refusals: every permission is refused, asked or checked, except desktop notifications for
 * the app's own page (alerts use them); CSP on every response.
 */
export function hardenSession(loadedUrl: string): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((wc, permission, callback, details) =>
    callback(isAllowedPermission(permission, details.requestingUrl ?? wc.getURL(), loadedUrl)),
  )
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isAllowedPermission(permission, requestingOrigin, loadedUrl),
  )
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
}

/**
 * The terminal window with the security defaults: isolated, sandboxed, no Node, strict CSP, no popups, no
 * navigation, redirect or sub-frame navigation away from the app's own page.
 */
export function createMainWindow(url: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0b0e14',
    title: 'Leverage Radar',
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  })
  const wc = win.webContents
  wc.setWindowOpenHandler(({ url: target }) => {
    openExternalIfAllowed(target)
    return { action: 'deny' }
  })
  wc.on('will-navigate', (event) => event.preventDefault())
  wc.on('will-redirect', (event) => event.preventDefault())
  wc.on('will-frame-navigate', (event) => {
    if (!isTrustedFrameUrl(event.url, url)) event.preventDefault()
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(url)
  return win
}
