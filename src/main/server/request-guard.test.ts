import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { allowedHostsFor, checkRequest } from './request-guard'

const TOKEN = 'a'.repeat(48)
const cfg = { token: TOKEN, allowedHosts: allowedHostsFor('127.0.0.1', 4321) }

function req(url: string, headers: Record<string, string>): IncomingMessage {
  return { url, headers } as unknown as IncomingMessage
}

describe('checkRequest', () => {
  it('accepts the token as the first path segment or in the query, from the own host and origin', () => {
    expect(checkRequest(req(`/${TOKEN}/`, { host: '127.0.0.1:4321' }), cfg)).toEqual({
      ok: true,
      path: '/',
      tokenIn: 'path',
    })
    expect(checkRequest(req(`/${TOKEN}/assets/x.js?v=2`, { host: 'localhost:4321' }), cfg)).toEqual({
      ok: true,
      path: '/assets/x.js',
      tokenIn: 'path',
    })
    expect(
      checkRequest(
        req(`/api?token=${TOKEN}`, { host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321' }),
        cfg,
      ),
    ).toEqual({ ok: true, path: '/api', tokenIn: 'query' })
  })

  it('no longer reads a cookie: browsers send cookies to every server on the host, whatever the port', () => {
    expect(
      checkRequest(req('/assets/x.js', { host: 'localhost:4321', cookie: `radar_token=${TOKEN}` }), cfg),
    ).toMatchObject({ ok: false, status: 401, reason: 'missing token' })
  })

  it('refuses a token segment that is only a prefix or a longer string of the token', () => {
    expect(checkRequest(req(`/${TOKEN.slice(1)}/`, { host: '127.0.0.1:4321' }), cfg)).toMatchObject({
      status: 401,
    })
    expect(checkRequest(req(`/${TOKEN}a/`, { host: '127.0.0.1:4321' }), cfg)).toMatchObject({
      status: 401,
    })
  })

  it('cuts a huge foreign Host short in the refusal reason', () => {
    const verdict = checkRequest(req(`/${TOKEN}/`, { host: 'h'.repeat(10_000) }), cfg)
    expect(verdict).toMatchObject({ ok: false, status: 403 })
    expect(verdict.ok ? 0 : verdict.reason.length).toBeLessThan(120)
  })

  it('refuses a missing or wrong token with 401', () => {
    expect(checkRequest(req('/', { host: '127.0.0.1:4321' }), cfg)).toMatchObject({
      ok: false,
      status: 401,
      reason: 'missing token',
    })
    expect(checkRequest(req('/?token=abc', { host: '127.0.0.1:4321' }), cfg)).toMatchObject({
      status: 401,
      reason: 'wrong token',
    })
  })

  it('refuses a foreign Host (DNS rebinding) and a foreign or opaque Origin with 403', () => {
    expect(checkRequest(req(`/?token=${TOKEN}`, { host: 'evil.example:4321' }), cfg)).toMatchObject({
      status: 403,
    })
    expect(checkRequest(req(`/?token=${TOKEN}`, { host: '127.0.0.1:9999' }), cfg)).toMatchObject({
      status: 403,
    })
    expect(
      checkRequest(req(`/?token=${TOKEN}`, { host: '127.0.0.1:4321', origin: 'http://evil.example' }), cfg),
    ).toMatchObject({
      status: 403,
    })
    expect(
      checkRequest(req(`/?token=${TOKEN}`, { host: '127.0.0.1:4321', origin: 'null' }), cfg),
    ).toMatchObject({ status: 403 })
    expect(
      checkRequest(
        req(`/?token=${TOKEN}`, { host: '127.0.0.1:4321', origin: 'https://127.0.0.1:4321' }),
        cfg,
      ),
    ).toMatchObject({ status: 403 })
  })

  it('allows both loopback names for a loopback bind', () => {
    expect([...allowedHostsFor('127.0.0.1', 80)].sort()).toEqual(['127.0.0.1:80', 'localhost:80'])
    expect([...allowedHostsFor('::1', 80)]).toEqual(['[::1]:80'])
  })
})
