import type { IncomingMessage } from 'node:http'
import type { WebSocket } from 'ws'
import type { BinanceKind, BinanceVenue } from './binance-venue'
import type { BybitCategory, BybitVenue } from './bybit-venue'
import type { FaultKind } from './faults'
import type { OkxArg, OkxVenue } from './okx-venue'
import { okxChannelKey } from './okx-venue'
import type { ReplayFeed } from './replay-feed'

type Protocol =
  { venue: 'binance'; kind: BinanceKind } | { venue: 'bybit'; category: BybitCategory } | { venue: 'okx' }

/** Which venue a WebSocket path belongs to, after base URLs were rewritten to the emulator origin. */
export function protocolForPath(path: string): Protocol | null {
  if (/^\/(public|market)\/ws(\/|$)/.test(path) || path.startsWith('/fstream'))
    return { venue: 'binance', kind: 'usdm' }
  if (/^\/ws(\/\d+)?$/.test(path) || /^\/stream/.test(path)) return { venue: 'binance', kind: 'spot' }
  const m = /^\/v5\/public\/(linear|spot)$/.exec(path)
  if (m) return { venue: 'bybit', category: m[1] as BybitCategory }
  if (path === '/ws/v5/public') return { venue: 'okx' }
  return null
}

/** One client connection: its subscriptions and the faults applied to it. */
export class EmulatedConnection {
  private readonly unsubscribers: (() => void)[] = []
  /** A client that re-subscribes a stream it already has (after a book resync) gets it once, as a venue does. */
  private readonly subscribed = new Set<string>()
  /** OKX book replays by channel key, so a repeated subscription can start its channel over. */
  private readonly okxBookStops = new Map<string, () => void>()
  stalled = false
  /** Book frames withheld while the rest flows (`mute`), until the client subscribes to a book again. */
  private booksMuted = false
  private skipNextBook = false
  private lastFrame: string | null = null

  constructor(
    private readonly ws: WebSocket,
    private readonly protocol: Protocol,
    private readonly binance: BinanceVenue,
    private readonly bybit: BybitVenue,
    private readonly okx: OkxVenue,
    private readonly feeds: Set<ReplayFeed>,
  ) {
    ws.on('message', (raw) => this.onMessage(String(raw)))
    ws.on('close', () => this.unsubscribers.forEach((u) => u()))
  }

  static open(
    ws: WebSocket,
    req: IncomingMessage,
    binance: BinanceVenue,
    bybit: BybitVenue,
    okx: OkxVenue,
    feeds: Set<ReplayFeed>,
  ) {
    const protocol = protocolForPath(new URL(req.url ?? '/', 'http://x').pathname)
    if (!protocol) {
      ws.close(1008, 'unknown stream path')
      return null
    }
    return new EmulatedConnection(ws, protocol, binance, bybit, okx, feeds)
  }

  private send(text: string, isBook: boolean): void {
    if (this.stalled || this.ws.readyState !== this.ws.OPEN) return
    if (isBook && this.booksMuted) return
    if (isBook && this.skipNextBook) {
      this.skipNextBook = false
      return
    }
    this.lastFrame = text
    this.ws.send(text)
  }

  private onMessage(text: string): void {
    // OKX keeps its connections alive with a text ping that is not JSON.
    if (this.protocol.venue === 'okx' && text === 'ping') {
      if (!this.stalled) this.ws.send('pong')
      return
    }
    let msg: Record<string, unknown>
    try {
      msg = JSON.parse(text) as Record<string, unknown>
    } catch {
      return
    }
    if (this.protocol.venue === 'binance') this.onBinance(msg, this.protocol.kind)
    else if (this.protocol.venue === 'bybit') this.onBybit(msg, this.protocol.category)
    else this.onOkx(msg)
  }

  private onBinance(msg: Record<string, unknown>, kind: BinanceKind): void {
    const params = Array.isArray(msg.params) ? (msg.params as string[]) : []
    if (msg.method === 'SUBSCRIBE') {
      for (const stream of params) {
        const market = this.binance.market(kind, stream.split('@')[0] as string)
        if (stream.includes('@depth')) this.booksMuted = false
        if (!market || this.subscribed.has(stream)) continue // !forceOrder@arr: none recorded, stays quiet
        this.subscribed.add(stream)
        this.feeds.add(market.feed)
        const isBook = stream.includes('@depth')
        this.unsubscribers.push(market.feed.subscribe(stream, (t) => this.send(t, isBook)))
      }
    }
    if (this.stalled) return
    this.ws.send(JSON.stringify({ result: null, id: msg.id }))
  }

  private onBybit(msg: Record<string, unknown>, category: BybitCategory): void {
    if (this.stalled) return
    if (msg.op === 'ping') {
      this.ws.send(
        JSON.stringify({
          success: true,
          ret_msg: 'pong',
          conn_id: 'emulator',
          req_id: msg.req_id,
          op: 'ping',
        }),
      )
      return
    }
    if (msg.op !== 'subscribe') return
    const feed = this.bybit.feeds.get(category)
    const args = Array.isArray(msg.args) ? (msg.args as string[]) : []
    this.ws.send(
      JSON.stringify({
        success: true,
        ret_msg: '',
        conn_id: 'emulator',
        req_id: msg.req_id ?? '',
        op: 'subscribe',
      }),
    )
    if (!feed) return
    this.feeds.add(feed)
    for (const topic of args) {
      const isBook = topic.startsWith('orderbook.')
      if (isBook) this.booksMuted = false
      const again = this.subscribed.has(topic)
      // A repeated book subscription is how a client resyncs a book: Bybit answers it with a fresh snapshot
      // and keeps the one update stream going; other repeated topics are sent once, as before.
      if (again && !isBook) continue
      this.subscribed.add(topic)
      // Bybit sends a snapshot on subscribe: built from the replayed state, or the recorded one still ahead.
      const snapshot = this.bybit.snapshotFor(category, topic)
      if (snapshot) this.send(snapshot, false)
      if (!again) this.unsubscribers.push(feed.subscribe(topic, (t) => this.send(t, isBook)))
    }
  }

  /**
   * Each subscription replays its channel from the recorded snapshot on, at recorded pace. OKX begins every
   * book subscription with a snapshot, also a repeated one: that is how a client resyncs a book (ccxt's
   * okx re-subscribes after a `prevSeqId` gap, the radar after a checksum mismatch), so a repeated book
   * subscription starts its replay over.
   */
  private onOkx(msg: Record<string, unknown>): void {
    if (msg.op !== 'subscribe') return
    const args = Array.isArray(msg.args) ? (msg.args as OkxArg[]) : []
    for (const arg of args) {
      if (!this.stalled) this.ws.send(this.okx.ack(arg))
      const key = okxChannelKey(arg)
      const isBook = String(arg.channel).startsWith('books')
      if (isBook) this.booksMuted = false
      if (this.subscribed.has(key) && !isBook) continue
      this.subscribed.add(key)
      const feed = this.okx.replay(arg)
      if (!feed) continue
      this.okxBookStops.get(key)?.()
      this.feeds.add(feed)
      const unsubscribe = feed.subscribe(key, (t) => this.send(t, isBook))
      const stop = () => {
        unsubscribe()
        this.feeds.delete(feed)
      }
      if (!isBook) this.unsubscribers.push(stop)
      else if (!this.okxBookStops.has(key)) this.unsubscribers.push(() => this.okxBookStops.get(key)?.())
      if (isBook) this.okxBookStops.set(key, stop)
    }
  }

  inject(kind: FaultKind): void {
    switch (kind) {
      case 'drop':
        this.ws.terminate()
        break
      case 'stall':
        this.stalled = true
        break
      case 'mute':
        this.booksMuted = true
        break
      case 'malformed':
        if (this.ws.readyState === this.ws.OPEN) this.ws.send('{"e":"trade","E":16806528')
        break
      case 'duplicate':
        if (this.lastFrame && !this.stalled) this.ws.send(this.lastFrame)
        break
      case 'seqgap':
        this.skipNextBook = true
        break
      default:
        break
    }
  }
}
