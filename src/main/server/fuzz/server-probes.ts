import { mulberry32 } from '../../../shared/evidence/stats'
import { encodeFrame, openRawWs, rawSocket, readHead, textFrame, upgradeRequest } from './raw-ws'
import type { RawWs, ServerTarget } from './raw-ws'

/** A uniform number in [0, 1); seeded in tests so each run sends the same bytes. */
export type Rng = () => number

/** Whether the server did what a sound server does with this input, and what that was. */
export interface ProbeOutcome {
  ok: boolean
  detail: string
}

/**
 * One hostile input a peer can send to browser mode. Each run varies the input with `rng`; after every run the
 * caller checks that the server still answers a valid request.
 */
export interface ServerProbe {
  name: string
  run(t: ServerTarget, rng: Rng): Promise<ProbeOutcome>
}

/** A seeded generator: fuzz runs are reproducible from their seed. */
export const seededRng = (seed: number): Rng => mulberry32(seed)

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T
const between = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1))
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Sends one frame on a fresh API connection and reports how the server closed it. */
async function expectClose(t: ServerTarget, frame: Buffer, code: number): Promise<ProbeOutcome> {
  const ws = await openRawWs(t)
  try {
    ws.send(frame)
    const ending = await ws.ending()
    return { ok: ending === `close ${code}`, detail: ending }
  } finally {
    ws.destroy()
  }
}

/** Sends one text message and expects an error answer, short (nothing echoed) and for the right id. */
async function expectRefusal(t: ServerTarget, text: string, maxChars = 2000): Promise<ProbeOutcome> {
  const ws: RawWs = await openRawWs(t)
  try {
    ws.send(textFrame(text))
    const reply = await ws.nextReply()
    if (!reply) return { ok: false, detail: 'no answer' }
    const error = typeof reply.error === 'string' ? reply.error : ''
    const refused = (reply.kind === 'error' || reply.ok === false) && error.length > 0
    return {
      ok: refused && error.length <= maxChars,
      detail: `${String(reply.kind)} (${error.length} chars): ${error.slice(0, 80)}`,
    }
  } finally {
    ws.destroy()
  }
}

const invoke = (channelJson: string): string => `{"kind":"invoke","id":7,"channel":${channelJson}}`
const RESERVED_OPCODES = [0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf]
const INVALID_UTF8 = [
  [0xff],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x28, 0xa1],
]

export const SERVER_PROBES: readonly ServerProbe[] = [
  {
    name: 'refused upgrade, then TCP reset',
    async run(t, rng) {
      const s = await rawSocket(t)
      const path = pick(rng, ['/api', '/api?token=wrong', `/${t.token}/nothing`, '/'])
      s.write(upgradeRequest(t, path, pick(rng, [`http://${t.host}:${t.port}`, 'http://evil.example'])))
      await sleep(between(rng, 0, 3))
      s.resetAndDestroy()
      return { ok: true, detail: `reset after upgrade of ${path}` }
    },
  },
  {
    name: 'invalid handshake with the token, then reset',
    async run(t, rng) {
      const s = await rawSocket(t)
      const request = upgradeRequest(t, `/${t.token}/api`).replace(
        pick(rng, ['Sec-WebSocket-Version: 13', 'Upgrade: websocket', 'Sec-WebSocket-Key: ']),
        pick(rng, ['Sec-WebSocket-Version: 99', 'Upgrade: nonsense', 'Sec-WebSocket-Key: x']),
      )
      s.write(request)
      await sleep(between(rng, 0, 3))
      s.resetAndDestroy()
      return { ok: true, detail: 'reset after a broken handshake' }
    },
  },
  {
    name: 'refused HTTP request, then TCP reset',
    async run(t, rng) {
      const s = await rawSocket(t)
      s.write(
        `GET ${pick(rng, ['/', '/assets/x.js', '/?token=bad'])} HTTP/1.1\r\nHost: ${t.host}:${t.port}\r\n\r\n`,
      )
      await sleep(between(rng, 0, 3))
      s.resetAndDestroy()
      return { ok: true, detail: 'reset' }
    },
  },
  {
    name: 'unreadable HTTP request',
    async run(t, rng) {
      const s = await rawSocket(t)
      const junk = Buffer.alloc(between(rng, 1, 4096), 0)
      for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(rng() * 256)
      s.write(
        Buffer.concat([
          Buffer.from(pick(rng, ['GET ', 'GET //[ HTTP/1.1\r\n', ''])),
          junk,
          Buffer.from('\r\n\r\n'),
        ]),
      )
      const answer = await readHead(s).then(
        (h) => h.status,
        () => 'closed without an answer',
      )
      s.destroy()
      return { ok: !answer.includes(' 200 '), detail: answer }
    },
  },
  {
    name: 'channel whose String() throws',
    run: (t, rng) =>
      expectRefusal(
        t,
        invoke(
          pick(rng, [
            '{"toString":1}',
            '{"toString":null,"valueOf":null}',
            '{"__proto__":{"x":1}}',
            '[{"toString":1}]',
          ]),
        ),
      ),
  },
  {
    name: 'channel nested 10,000 arrays deep',
    run: (t, rng) => {
      const depth = between(rng, 1000, 10_000)
      return expectRefusal(t, invoke(`${'['.repeat(depth)}${']'.repeat(depth)}`))
    },
  },
  {
    name: 'channel name of ~900 KiB (never echoed)',
    run: (t, rng) =>
      expectRefusal(t, invoke(JSON.stringify('x'.repeat(between(rng, 64 * 1024, 900 * 1024))))),
  },
  {
    name: 'malformed envelope',
    run: (t, rng) =>
      expectRefusal(
        t,
        pick(rng, [
          'not json',
          '42',
          '"invoke"',
          'null',
          '[1,2,3]',
          '{"kind":"invoke","id":"1","channel":"getAppInfo"}',
          '{"kind":"invoke","id":1.5,"channel":"getAppInfo"}',
          '{"kind":"invoke","id":1e300,"channel":"getAppInfo"}',
          '{"kind":"invoke","id":3,"channel":"noSuchChannel"}',
          '{"kind":"invoke","id":3,"channel":"updateSettings","payload":{"theme":[[[[[]]]]]}}',
        ]),
      ),
  },
  {
    name: 'frame over 1 MiB (close 1009)',
    run: (t, rng) => expectClose(t, textFrame('x'.repeat(1024 * 1024 + between(rng, 1, 64 * 1024))), 1009),
  },
  {
    name: 'invalid UTF-8 in a text frame (close 1007)',
    run: (t, rng) =>
      expectClose(
        t,
        encodeFrame(0x1, Buffer.concat([Buffer.from('{"a":"'), Buffer.from(pick(rng, INVALID_UTF8))])),
        1007,
      ),
  },
  {
    name: 'reserved opcode (close 1002)',
    run: (t, rng) => expectClose(t, encodeFrame(pick(rng, RESERVED_OPCODES), Buffer.from('x')), 1002),
  },
  {
    name: 'RSV1 bit without an extension (close 1002)',
    run: (t) => expectClose(t, encodeFrame(0x1, Buffer.from('{}'), { rsv1: true }), 1002),
  },
  {
    name: 'unmasked client frame (close 1002)',
    run: (t) => expectClose(t, encodeFrame(0x1, Buffer.from('{}'), { mask: false }), 1002),
  },
  {
    name: 'ping over 125 bytes (close 1002)',
    run: (t, rng) => expectClose(t, encodeFrame(0x9, Buffer.alloc(between(rng, 126, 4096), 1)), 1002),
  },
  {
    name: 'fragmented control frame (close 1002)',
    run: (t) => expectClose(t, encodeFrame(0x9, Buffer.from('x'), { fin: false }), 1002),
  },
  {
    name: 'binary frame',
    async run(t, rng) {
      const ws = await openRawWs(t)
      try {
        ws.send(encodeFrame(0x2, Buffer.alloc(between(rng, 1, 2048), 7)))
        const reply = await ws.nextReply()
        return { ok: reply?.kind === 'error', detail: String(reply?.error ?? 'no answer') }
      } finally {
        ws.destroy()
      }
    },
  },
  {
    name: 'random bytes after the handshake, then reset',
    async run(t, rng) {
      const ws = await openRawWs(t)
      const junk = Buffer.alloc(between(rng, 1, 8192))
      for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(rng() * 256)
      ws.send(junk)
      await sleep(between(rng, 0, 20))
      ws.socket.resetAndDestroy()
      return { ok: true, detail: `${junk.length} random bytes` }
    },
  },
]
