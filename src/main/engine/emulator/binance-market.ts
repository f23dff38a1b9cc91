import { BookState } from './book-state'
import { binanceLoopShift, binanceStreamKey } from './binance-streams'
import { ReplayFeed } from './replay-feed'
import { DEPTH_SNAPSHOT_STREAM, readBinanceWsFile } from './recordings'

export interface RecordedTrade {
  t: number
  p: string
  q: string
  T: number
  m: boolean
}

/** One Binance market (perp or spot) replayed from one hftbacktest file, with the state REST answers need. */
export class BinanceMarket {
  readonly book = new BookState()
  markPrice: Record<string, unknown> | null = null
  readonly trades: RecordedTrade[] = []
  /** Trades recorded just before the replayed file (the previous file of the same market), oldest first. */
  private pastTrades: RecordedTrade[] | null = null
  private readonly pastFile: string | undefined
  readonly feed: ReplayFeed
  /** Smallest price and quantity increments that occur in the recorded trades (spot exchangeInfo needs them). */
  readonly tickSize: string
  readonly stepSize: string
  /** Receive time of the recording's first frame: where the replay's clock starts. */
  readonly startMs: number
  /** The replay's clock: the newest event time (`E`) replayed so far, else the start. */
  clockMs: number

  constructor(
    readonly symbol: string,
    file: string,
    opts: { speed: number; loop: boolean; tradeRing: number; pastFile?: string },
  ) {
    const frames = readBinanceWsFile(file)
    this.pastFile = opts.pastFile
    this.startMs = frames[0]?.recvMs ?? 0
    this.clockMs = this.startMs
    const decimals = (s: string): number => {
      const frac = s.split('.')[1] ?? ''
      return frac.replace(/0+$/, '').length
    }
    let pDec = 0
    let qDec = 0
    for (const f of frames) {
      if (!f.stream.endsWith('@trade')) continue
      const d = JSON.parse(f.text) as RecordedTrade
      pDec = Math.max(pDec, decimals(d.p))
      qDec = Math.max(qDec, decimals(d.q))
    }
    this.tickSize = (10 ** -pDec).toFixed(pDec)
    this.stepSize = (10 ** -qDec).toFixed(qDec)
    this.feed = new ReplayFeed(`binance:${symbol}`, frames, {
      speed: opts.speed,
      loop: opts.loop,
      shift: binanceLoopShift(frames),
      streamKey: binanceStreamKey,
      onFrame: (stream, text) => this.onFrame(stream, text, opts.tradeRing),
    })
  }

  /** Every trade a REST client may see: the earlier recording, then the replayed trades up to now. */
  tradeHistory(): RecordedTrade[] {
    // Read on the first REST request, not with the replay, so the streams start as soon as before.
    this.pastTrades ??= this.pastFile
      ? readBinanceWsFile(this.pastFile)
          .filter((f) => f.stream.endsWith('@trade'))
          .map((f) => JSON.parse(f.text) as RecordedTrade)
      : []
    return this.pastTrades.length === 0 ? this.trades : [...this.pastTrades, ...this.trades]
  }

  private onFrame(stream: string, text: string, ring: number): void {
    const d = JSON.parse(text) as Record<string, unknown>
    if (typeof d.E === 'number' && d.E > this.clockMs) this.clockMs = d.E
    if (stream === DEPTH_SNAPSHOT_STREAM) {
      this.book.reset()
      this.book.apply('bids', d.bids)
      this.book.apply('asks', d.asks)
      this.book.updateId = d.lastUpdateId as number
    } else if (stream.endsWith('@depth')) {
      this.book.apply('bids', d.b)
      this.book.apply('asks', d.a)
      this.book.updateId = d.u as number
      this.book.tsMs = d.E as number
    } else if (stream.endsWith('@markPrice')) {
      this.markPrice = d
    } else if (stream.endsWith('@trade')) {
      this.trades.push(d as unknown as RecordedTrade)
      if (this.trades.length > ring) this.trades.splice(0, this.trades.length - ring)
    }
  }
}
