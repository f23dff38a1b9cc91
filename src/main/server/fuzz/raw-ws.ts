import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { randomBytes } from 'node:crypto'

/** Where a running browser-mode server listens, and its per-run token. */
export interface ServerTarget {
  host: string
  port: number
  token: string
}

export const originOf = (t: ServerTarget): string => `http://${t.host}:${t.port}`

/** Opens a TCP connection to the server; a refusal rejects instead of emitting an uncaught error. */
export function rawSocket(t: ServerTarget, timeoutMs = 5000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(t.port, t.host)
    const timer = setTimeout(() => {
      s.destroy()
      reject(new Error(`no TCP connection to ${t.host}:${t.port} in ${timeoutMs} ms`))
    }, timeoutMs)
    s.once('connect', () => {
      clearTimeout(timer)
      s.off('error', onError)
      s.on('error', () => {})
      resolve(s)
    })
    const onError = (err: Error): void => {
      clearTimeout(timer)
      reject(err)
    }
    s.once('error', onError)
  })
}

export function upgradeRequest(t: ServerTarget, path: string, origin = originOf(t)): string {
  return (
    `GET ${path} HTTP/1.1\r\nHost: ${t.host}:${t.port}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\n` +
    `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
    `Sec-WebSocket-Version: 13\r\n\r\n`
  )
}

/** A client frame built by hand, so a probe can break any rule of RFC 6455 on purpose. */
export function encodeFrame(
  opcode: number,
  payload: Buffer,
  o: { mask?: boolean; rsv1?: boolean; fin?: boolean } = {},
): Buffer {
  const mask = o.mask ?? true
  const len = payload.length
  const head: number[] = [((o.fin ?? true) ? 0x80 : 0) | (o.rsv1 ? 0x40 : 0) | (opcode & 0x0f)]
  const maskBit = mask ? 0x80 : 0
  if (len < 126) head.push(maskBit | len)
  else if (len < 65536) head.push(maskBit | 126, len >> 8, len & 0xff)
  else
    head.push(
      maskBit | 127,
      0,
      0,
      0,
      0,
      (len >>> 24) & 0xff,
      (len >>> 16) & 0xff,
      (len >>> 8) & 0xff,
      len & 0xff,
    )
  if (!mask) return Buffer.concat([Buffer.from(head), payload])
  const key = randomBytes(4)
  const masked = Buffer.from(payload)
  for (let i = 0; i < masked.length; i++) masked[i] = (masked[i] as number) ^ (key[i & 3] as number)
  return Buffer.concat([Buffer.from(head), key, masked])
}

export const textFrame = (text: string): Buffer => encodeFrame(0x1, Buffer.from(text))

interface ServerFrame {
  opcode: number
  payload: Buffer
}

/** Server frames are never masked; returns the complete frames and what is left over. */
function decodeFrames(buf: Buffer): { frames: ServerFrame[]; rest: Buffer } {
  const frames: ServerFrame[] = []
  let at = 0
  while (buf.length - at >= 2) {
    const opcode = (buf[at] as number) & 0x0f
    let len = (buf[at + 1] as number) & 0x7f
    let head = 2
    if (len === 126) {
      if (buf.length - at < 4) break
      len = buf.readUInt16BE(at + 2)
      head = 4
    } else if (len === 127) {
      if (buf.length - at < 10) break
      len = Number(buf.readBigUInt64BE(at + 2))
      head = 10
    }
    if (buf.length - at < head + len) break
    frames.push({ opcode, payload: buf.subarray(at + head, at + head + len) })
    at += head + len
  }
  return { frames, rest: buf.subarray(at) }
}

/** How a connection ended, as a probe reports it: `close 1009`, `ended without a close frame`, `still open`. */
export type Ending = string

/** A WebSocket client on a raw socket: sends anything, and reads the server's frames and close code. */
export class RawWs {
  private pending: Buffer
  private readonly texts: string[] = []
  private closeCode: number | null = null
  private ended = false
  private readonly waiters = new Set<() => void>()

  constructor(
    readonly socket: Socket,
    leftover: Buffer,
  ) {
    this.pending = leftover
    socket.on('data', (d: Buffer) => this.take(d))
    socket.on('close', () => {
      this.ended = true
      this.wake()
    })
    this.take(Buffer.alloc(0))
  }

  private take(d: Buffer): void {
    const { frames, rest } = decodeFrames(Buffer.concat([this.pending, d]))
    this.pending = rest
    for (const f of frames) {
      if (f.opcode === 0x1) this.texts.push(f.payload.toString())
      if (f.opcode === 0x8) this.closeCode = f.payload.length >= 2 ? f.payload.readUInt16BE(0) : 1005
    }
    this.wake()
  }

  private wake(): void {
    for (const w of this.waiters) w()
  }

  private waitFor<T>(check: () => T | undefined, timeoutMs: number, onTimeout: () => T): Promise<T> {
    return new Promise((resolve) => {
      const done = (v: T): void => {
        clearTimeout(timer)
        this.waiters.delete(poll)
        resolve(v)
      }
      const poll = (): void => {
        const v = check()
        if (v !== undefined) done(v)
      }
      const timer = setTimeout(() => done(onTimeout()), timeoutMs)
      this.waiters.add(poll)
      poll()
    })
  }

  send(bytes: Buffer | string): void {
    if (!this.socket.destroyed) this.socket.write(bytes)
  }

  /** The next text message that is not a pushed engine event, parsed, or null. */
  nextReply(timeoutMs = 5000): Promise<Record<string, unknown> | null> {
    return this.waitFor<Record<string, unknown> | null>(
      () => {
        while (this.texts.length > 0) {
          const msg = JSON.parse(this.texts.shift() as string) as Record<string, unknown>
          if (msg.kind !== 'event') return msg
        }
        return this.ended ? null : undefined
      },
      timeoutMs,
      () => null,
    )
  }

  ending(timeoutMs = 5000): Promise<Ending> {
    return this.waitFor<Ending>(
      () => {
        if (this.closeCode !== null) return `close ${this.closeCode}`
        return this.ended ? 'ended without a close frame' : undefined
      },
      timeoutMs,
      () => 'still open',
    )
  }

  destroy(): void {
    this.socket.destroy()
  }
}

/** Reads an HTTP answer's head; resolves with its status line and whatever followed the blank line. */
export function readHead(s: Socket, timeoutMs = 5000): Promise<{ status: string; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0)
    const timer = setTimeout(() => finish(new Error(`no HTTP answer in ${timeoutMs} ms`)), timeoutMs)
    const finish = (err: Error | null, v?: { status: string; rest: Buffer }): void => {
      clearTimeout(timer)
      s.off('data', onData)
      s.off('close', onClose)
      if (err) reject(err)
      else resolve(v as { status: string; rest: Buffer })
    }
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d])
      const end = buf.indexOf('\r\n\r\n')
      if (end < 0) return
      const head = buf.subarray(0, end).toString()
      finish(null, { status: head.split('\r\n')[0] ?? '', rest: buf.subarray(end + 4) })
    }
    const onClose = (): void => finish(new Error('connection closed before an HTTP answer'))
    s.on('data', onData)
    s.once('close', onClose)
  })
}

/** Opens the API socket with the token and completes the handshake by hand. */
export async function openRawWs(t: ServerTarget): Promise<RawWs> {
  const s = await rawSocket(t)
  s.write(upgradeRequest(t, `/${t.token}/api`))
  try {
    const { status, rest } = await readHead(s)
    if (!status.includes(' 101 ')) throw new Error(`upgrade refused: ${status}`)
    return new RawWs(s, rest)
  } catch (err) {
    s.destroy()
    throw err
  }
}

/** The server is alive and serving: a fresh connection gets a correct answer to `getAppInfo`. */
export async function answersValidRequest(t: ServerTarget, timeoutMs = 5000): Promise<boolean> {
  let ws: RawWs | null = null
  try {
    ws = await openRawWs(t)
    ws.send(textFrame(JSON.stringify({ kind: 'invoke', id: 42, channel: 'getAppInfo' })))
    const reply = await ws.nextReply(timeoutMs)
    return reply?.kind === 'result' && reply.id === 42 && reply.ok === true
  } catch {
    return false
  } finally {
    ws?.destroy()
  }
}
