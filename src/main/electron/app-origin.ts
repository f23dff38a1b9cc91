/**
 * Where the window's pages may come from, as pure functions (tested in plain Node). The packaged and the
 * built app load `app://radar/` (a custom protocol with the CSP, never file://, whose pages share one
 * origin with every file on disk); only an unpackaged app started by `electron-vite dev` loads the dev
 * server's URL.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'radar'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/** The renderer URL to load: the dev server's only when unpackaged and given, else the app protocol. */
export function rendererUrl(isPackaged: boolean, devServerUrl: string | undefined): string {
  if (!isPackaged && devServerUrl) {
    const u = new URL(devServerUrl)
    // electron-vite's dev server is local; anything else is a misconfiguration, not a page to trust.
    if (
      (u.protocol === 'http:' || u.protocol === 'https:') &&
      ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)
    )
      return devServerUrl
    throw new Error(`ELECTRON_RENDERER_URL must be a local dev server, got ${devServerUrl}`)
  }
  return APP_INDEX_URL
}

/** The origin of a URL, for custom schemes too (`new URL('app://radar/x').origin` is "null" in Node). */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    return u.host ? `${u.protocol}//${u.host}` : null
  } catch {
    return null
  }
}

/** True when a frame at `frameUrl` is the app's own page (same origin as the renderer URL it loaded). */
export function isTrustedFrameUrl(frameUrl: string, loadedUrl: string): boolean {
  const origin = originOf(frameUrl)
  return origin !== null && origin === originOf(loadedUrl)
}

/** The one permission the app asks for (desktop notifications for alerts), and only for its own page. */
export function isAllowedPermission(permission: string, requestingUrl: string, loadedUrl: string): boolean {
  return permission === 'notifications' && isTrustedFrameUrl(requestingUrl, loadedUrl)
}
