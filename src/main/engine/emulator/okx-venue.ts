import type { RestReply, RestRequest } from './http-util'
import { json } from './http-util'
import type { OkxContract, OkxTrade } from './okx-history'
import { OkxHistory } from './okx-history'
import { ReplayFeed } from './replay-feed'
import type { RecordedFrame } from './recordings'
import { dataPath, readCaptureFile } from './recordings'

/** A WebSocket subscription argument: `{channel, instId}` for market channels, `{channel, instType}` else. */
export interface OkxArg {
  channel?: unknown
  instId?: unknown
  instType?: unknown
}

interface OkxFrame {
  event?: string
  arg?: OkxArg
  data?: unknown
}

/** One channel of the recording: the subscription acknowledgement OKX sent and the data frames after it. */
interface RecordedChannel {
  ack: string | null
  frames: RecordedFrame[]
}

/** `books:BTC-USDT`, `liquidation-orders:SWAP`: what a subscription is keyed by, here and in the recording. */
export function okxChannelKey(arg: OkxArg): string {
  return `${String(arg.channel)}:${String(arg.instId ?? arg.instType ?? '')}`
}

const okxError = (msg: string, status = 404): RestReply => json({ code: '-1', msg, data: [] }, status)

/**
 * OKX v5 from OKX.jsonl.zst: the instrument REST responses ccxt's `loadMarkets` asks for, and the public
 * WebSocket channels it recorded (books, trades, tickers for BTC-USDT, UNI-USD-SWAP, BTC-USD-220527).
 */
export class OkxVenue {
  /** Recorded `/api/v5/public/instruments` bodies by `instType` (and `uly` for options). */
  private readonly instruments = new Map<string, string>()
  private readonly channels = new Map<string, RecordedChannel>()
  /** Trades and candles over REST, built from the recorded `trades` pushes. */
  private readonly history: OkxHistory

  constructor(private readonly opts: { dataDir: string; speed: number }) {
    const path = dataPath(opts.dataDir, 'exchange-ws-recordings', 'OKX.jsonl.zst')
    readCaptureFile(path).forEach((e, i) => {
      if (e.t === 'http' && e.url && e.data) {
        const q = new URL(e.url).searchParams
        // The recorder reloaded instruments several times; the first answer of each kind is kept.
        const key = instrumentsKey(q.get('instType'), q.get('uly'))
        if (!this.instruments.has(key)) this.instruments.set(key, e.data)
      }
      if (e.t !== 'recv' || !e.data || e.ts === undefined) return
      let f: OkxFrame
      try {
        f = JSON.parse(e.data) as OkxFrame
      } catch {
        throw new Error(`${path}:${i + 1}: recv frame is not JSON`)
      }
      if (!f.arg) return
      const key = okxChannelKey(f.arg)
      let ch = this.channels.get(key)
      if (!ch) this.channels.set(key, (ch = { ack: null, frames: [] }))
      if (f.event === 'subscribe') ch.ack ??= e.data
      else if (f.data !== undefined) ch.frames.push({ recvMs: e.ts * 1000, stream: key, text: e.data })
    })
    const trades: OkxTrade[] = []
    for (const [key, ch] of this.channels)
      if (key.startsWith('trades:'))
        for (const fr of ch.frames) trades.push(...((JSON.parse(fr.text) as { data: OkxTrade[] }).data ?? []))
    const contracts = this.contracts()
    this.history = new OkxHistory(trades, (instId) => contracts.get(instId) ?? null)
  }

  /** Contract value and type of every recorded SPOT / SWAP / FUTURES instrument. */
  private contracts(): Map<string, OkxContract> {
    const out = new Map<string, OkxContract>()
    for (const instType of ['SPOT', 'SWAP', 'FUTURES']) {
      const body = this.instruments.get(instType)
      if (!body) continue
      for (const i of (JSON.parse(body) as { data: Record<string, string>[] }).data) {
        const ctVal = Number(i.ctVal)
        out.set(i.instId as string, {
          instType,
          ctVal: i.ctVal && Number.isFinite(ctVal) ? ctVal : null,
          ctType: i.ctType ?? '',
        })
      }
    }
    return out
  }

  /** The acknowledgement of a subscription: recorded where OKX's was, else OKX's own shape for it. */
  ack(arg: OkxArg): string {
    return this.channels.get(okxChannelKey(arg))?.ack ?? JSON.stringify({ event: 'subscribe', arg })
  }

  /**
   * A replay of one channel's recorded frames for one subscriber, from the first (a book's snapshot comes
   * first, so every subscriber, also after a reconnect, gets a consistent book whose checksums hold). Null
   * where nothing was recorded (funding-rate, liquidation-orders): the channel stays quiet.
   */
  replay(arg: OkxArg): ReplayFeed | null {
    const key = okxChannelKey(arg)
    const ch = this.channels.get(key)
    if (!ch || ch.frames.length === 0) return null
    return new ReplayFeed(`okx:${key}`, ch.frames, {
      speed: this.opts.speed,
      loop: false,
      streamKey: (s) => s,
    })
  }

  handle(req: RestRequest): RestReply | null {
    if (!req.path.startsWith('/api/v5/')) return null
    switch (req.path) {
      case '/api/v5/market/trades':
        return this.history.recentTrades(req.query)
      case '/api/v5/market/history-trades':
        return this.history.historyTrades(req.query)
      case '/api/v5/market/candles':
        return this.history.candles(req.query, 300)
      case '/api/v5/market/history-candles':
        return this.history.candles(req.query, 300)
    }
    if (req.path !== '/api/v5/public/instruments')
      return okxError(`${req.path} has no recording in the emulator`)
    const instType = req.query.get('instType')
    const recorded = this.instruments.get(instrumentsKey(instType, req.query.get('uly')))
    if (recorded) return { status: 200, body: recorded }
    // An instrument type (or option underlying) the recording lacks is a venue listing none: no invented markets.
    return json({ code: '0', msg: '', data: [] })
  }
}

function instrumentsKey(instType: string | null, uly: string | null): string {
  return instType === 'OPTION' ? `${instType}|${uly ?? ''}` : String(instType)
}
