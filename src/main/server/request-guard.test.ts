import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { allowedHostsFor, checkRequest } from './request-guard'

const TOKEN = 'a'.repeat(48)
const cfg = { token: TOKEN, allowedHosts: allowedHostsFor('127.0.0.1', 4321) }

function req(url: string, headers: Record<string, string>): IncomingMessage {
  return { url, headers } as unknown as IncomingMessage
}

describe('checkRequest', () => {
  it('accepts the token in the query or the cookie, from the own host and origin', () => {
    expect(checkRequest(req(`/?token=${TOKEN}`, { host: '127.0.0.1:4321' }), cfg)).toEqual({ ok: true })
    expect(
      checkRequest(req('/assets/x.js', { host: 'localhost:4321', cookie: `a=1; radar_token=${TOKEN}` }), cfg),
    ).toEqual({
      ok: true,
    })
    expect(
      checkRequest(
        req(`/api?token=${TOKEN}`, { host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321' }),
        cfg,
      ),
    ).toEqual({ ok: true })
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
