import { protocol } from 'electron'
import { loadStatic } from '../server/static-files'
import { APP_HOST, APP_SCHEME } from './app-origin'

/** Must run before `app` is ready: `app://` behaves like https (secure, standard, fetch allowed). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * Serves the built renderer on `app://radar/` with the CSP on every response. Paths are resolved inside
 * the renderer folder only (the same resolver as browser mode's static files); other hosts get a 404.
 */
export function serveAppProtocol(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    const file = url.host === APP_HOST ? await loadStatic(rendererDir, url.pathname) : null
    const headers = { 'content-security-policy': csp, 'x-content-type-options': 'nosniff' }
    if (!file) return new Response('Not found', { status: 404, headers })
    return new Response(new Uint8Array(file.body), { headers: { ...headers, 'content-type': file.type } })
  })
}
