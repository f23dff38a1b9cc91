import type { ServerResponse } from 'node:http'
import { STATUS_CODES } from 'node:http'

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // lightweight-charts and React set element styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')

/** Sent with every response, refusals and errors included: a 404 page is still a page a browser renders. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
}

/** A short plain-text answer (refusals, errors, redirects) with the security headers. */
export function answerPlain(
  res: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...extra })
  res.end(text)
}

/**
 * The same answer written by hand on a raw socket, for upgrade requests refused before any WebSocket
 * exists (Node hands those over as bare sockets, without a ServerResponse).
 */
export function rawHttpAnswer(status: number, text: string): string {
  const body = Buffer.from(text)
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(body.length),
    connection: 'close',
  }
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${head}\r\n\r\n${text}`
}
