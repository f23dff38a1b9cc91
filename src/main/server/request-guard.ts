import type { IncomingMessage } from 'node:http'
import { timingSafeEqual } from 'node:crypto'
import { TOKEN_PARAM } from '../../shared/ws-protocol'

export interface GuardConfig {
  token: string
  /** host:port values this server answers to (DNS-rebinding defence). */
  allowedHosts: Set<string>
}

/**
 * `path` is the request's path inside the app, with the per-run token segment taken off; `tokenIn` says where
 * the token was found (a page opened with `?token=` is sent on to the token path so its relative assets
 * carry the token too).
 */
export type GuardVerdict =
  | { ok: true; path: string; tokenIn: 'path' | 'query' }
  | { ok: false; status: 400 | 401 | 403; reason: string }

function tokensEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a)
  const bb = Buffer.from(b)
  return ab.length === bb.length && timingSafeEqual(ab, bb)
}

/** Request targets are attacker-chosen: a URL that cannot be parsed is a refusal, never an exception. */
export function parseTarget(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://placeholder')
  } catch {
    return null
  }
}

/** A Host or Origin quoted in a refusal, cut short: refusals are logged and a header can be 16 KiB. */
function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
}

/**
 * Every request must name a host this server is bound to, come from its own origin when it carries one, and
 * present the per-run token: as the first path segment (`/<token>/…`, what the browser uses, so no cookie
 * carries it to other servers on the same host) or as `?token=` (the printed URL's older form, and tools).
 */
export function checkRequest(req: IncomingMessage, cfg: GuardConfig): GuardVerdict {
  const host = req.headers.host
  if (!host || !cfg.allowedHosts.has(host.toLowerCase())) {
    return { ok: false, status: 403, reason: `foreign Host header ${quote(host ?? '')}` }
  }
  const origin = req.headers.origin
  if (origin !== undefined) {
    let originHost: string | null
    try {
      const u = new URL(origin)
      originHost = u.protocol === 'http:' ? u.host.toLowerCase() : null
    } catch {
      originHost = null
    }
    if (originHost === null || !cfg.allowedHosts.has(originHost)) {
      return { ok: false, status: 403, reason: `foreign Origin ${quote(origin)}` }
    }
  }
  const target = parseTarget(req)
  if (!target) return { ok: false, status: 400, reason: 'unreadable request target' }
  const [, first = '', ...rest] = target.pathname.split('/')
  if (first.length > 0 && tokensEqual(first, cfg.token)) {
    return { ok: true, path: `/${rest.join('/')}`, tokenIn: 'path' }
  }
  const queried = target.searchParams.get(TOKEN_PARAM)
  if (queried === null) return { ok: false, status: 401, reason: 'missing token' }
  if (!tokensEqual(queried, cfg.token)) return { ok: false, status: 401, reason: 'wrong token' }
  return { ok: true, path: target.pathname, tokenIn: 'query' }
}

export function allowedHostsFor(bindHost: string, port: number): Set<string> {
  const names = new Set([bindHost])
  if (bindHost === '127.0.0.1' || bindHost === 'localhost') {
    names.add('127.0.0.1')
    names.add('localhost')
  }
  if (bindHost === '::1') names.add('[::1]')
  return new Set([...names].map((h) => `${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${port}`))
}
