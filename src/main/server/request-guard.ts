import type { IncomingMessage } from 'node:http'
import { timingSafeEqual } from 'node:crypto'
import { TOKEN_COOKIE, TOKEN_PARAM } from '../../shared/ws-protocol'

export interface GuardConfig {
  token: string
  /** host:port values this server answers to (DNS-rebinding defence). */
  allowedHosts: Set<string>
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string }

function tokensEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a)
  const bb = Buffer.from(b)
  return ab.length === bb.length && timingSafeEqual(ab, bb)
}

export function cookieToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie
  if (!header) return null
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === TOKEN_COOKIE) return v.join('=')
  }
  return null
}

export function queryToken(req: IncomingMessage): string | null {
  return new URL(req.url ?? '/', 'http://placeholder').searchParams.get(TOKEN_PARAM)
}

/**
 * Every request must name a host this server is bound to, come from its own origin when it carries one, and
 * present the per-run token (query on first load, then an HttpOnly SameSite=Strict cookie).
 */
export function checkRequest(req: IncomingMessage, cfg: GuardConfig): GuardVerdict {
  const host = req.headers.host
  if (!host || !cfg.allowedHosts.has(host.toLowerCase())) {
    return { ok: false, status: 403, reason: `foreign Host header ${JSON.stringify(host ?? '')}` }
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
      return { ok: false, status: 403, reason: `foreign Origin ${JSON.stringify(origin)}` }
    }
  }
  const presented = queryToken(req) ?? cookieToken(req)
  if (presented === null) return { ok: false, status: 401, reason: 'missing token' }
  if (!tokensEqual(presented, cfg.token)) return { ok: false, status: 401, reason: 'wrong token' }
  return { ok: true }
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
