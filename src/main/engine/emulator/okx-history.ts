import type { RestReply } from './http-util'
import { intParam, json } from './http-util'

/** One trade of a recorded OKX `trades` push, as OKX sends it (strings). */
export interface OkxTrade {
  instId: string
  tradeId: string
  px: string
  sz: string
  side: string
  ts: string
}

/** What a candle's volume columns need from the recorded instrument: OKX states SWAP/FUTURES volume in contracts. */
export interface OkxContract {
  instType: string
  ctVal: number | null
  /** `linear`: a contract is `ctVal` base coins; `inverse`: `ctVal` USD. */
  ctType: string
}

const okxOk = (data: unknown): RestReply => json({ code: '0', msg: '', data })
const okxParamError = (msg: string): RestReply => json({ code: '51000', msg, data: [] }, 400)

const BAR_UNIT_MS: Record<string, number> = { m: 60_000, H: 3_600_000, D: 86_400_000, W: 604_800_000 }

/** `1m`, `5m`, `1H`, `6Hutc`, `1D`: OKX's bar names (the `utc` suffix only moves daily alignment off Hong Kong time). */
export function okxBarMs(bar: string): number | null {
  const m = /^(\d+)([mHDW])(utc)?$/.exec(bar)
  if (!m) return null
  return Number(m[1]) * (BAR_UNIT_MS[m[2] as string] as number)
}

/**
 * OKX's REST market history built from the trades recorded on its WebSocket (docs/emulator.md): the
 * `/market/trades` newest page, `/market/history-trades` paged back by `after` (trade id, or time with
 * `type=2`), and `/market/candles` / `/market/history-candles` aggregated from the same trades. Every row
 * comes from a recorded trade; nothing is served for an instrument without one.
 */
export class OkxHistory {
  /** Per instrument, oldest first, each trade id once. */
  private readonly byInst = new Map<string, OkxTrade[]>()

  constructor(
    trades: readonly OkxTrade[],
    private readonly contractOf: (instId: string) => OkxContract | null,
  ) {
    const seen = new Set<string>()
    for (const t of trades) {
      const key = `${t.instId}|${t.tradeId}`
      if (seen.has(key)) continue
      seen.add(key)
      let list = this.byInst.get(t.instId)
      if (!list) this.byInst.set(t.instId, (list = []))
      list.push(t)
    }
    for (const list of this.byInst.values()) list.sort((a, b) => Number(a.tradeId) - Number(b.tradeId))
  }

  /** `GET /api/v5/market/trades`: the newest `limit` (≤ 500) trades, newest first. */
  recentTrades(q: URLSearchParams): RestReply {
    const list = this.byInst.get(q.get('instId') ?? '') ?? []
    const limit = Math.min(intParam(q, 'limit') ?? 100, 500)
    return okxOk(list.slice(-limit).reverse().map(tradeRow))
  }

  /**
   * `GET /api/v5/market/history-trades`: `after` returns trades older than it, `before` newer, newest first,
   * at most 100; `type=1` (default) pages by trade id, `type=2` by time.
   */
  historyTrades(q: URLSearchParams): RestReply {
    const list = this.byInst.get(q.get('instId') ?? '') ?? []
    const byTime = q.get('type') === '2'
    const key = (t: OkxTrade) => Number(byTime ? t.ts : t.tradeId)
    const after = intParam(q, 'after')
    const before = intParam(q, 'before')
    const limit = Math.min(intParam(q, 'limit') ?? 100, 100)
    const rows = list.filter(
      (t) => (after === null || key(t) < after) && (before === null || key(t) > before),
    )
    // With only `before`, OKX returns the oldest rows just after it; otherwise the newest below `after`.
    const page = before !== null && after === null ? rows.slice(0, limit) : rows.slice(-limit)
    return okxOk(page.reverse().map(tradeRow))
  }

  /**
   * `GET /api/v5/market/candles` and `history-candles`: `[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]`
   * newest first, `after` / `before` bounding the open time (exclusive), at most `maxLimit` rows. `vol` is in
   * contracts for SWAP/FUTURES and in base for SPOT; the bar holding the newest recorded trade is still open
   * (`confirm` "0"), as the recording ends inside it.
   */
  candles(q: URLSearchParams, maxLimit: number): RestReply {
    const instId = q.get('instId') ?? ''
    const barMs = okxBarMs(q.get('bar') ?? '1m')
    if (barMs === null) return okxParamError(`Parameter bar error: ${q.get('bar')}`)
    const list = this.byInst.get(instId) ?? []
    const contract = this.contractOf(instId)
    const after = intParam(q, 'after')
    const before = intParam(q, 'before')
    const limit = Math.min(intParam(q, 'limit') ?? 100, maxLimit)
    const all = buildBars(list, barMs, contract)
    const newestOpen = all[all.length - 1]?.open
    const bars = all.filter((b) => (after === null || b.open < after) && (before === null || b.open > before))
    const page = before !== null && after === null ? bars.slice(0, limit) : bars.slice(-limit)
    return okxOk(
      page
        .reverse()
        .map((b) => [
          String(b.open),
          b.o,
          b.h,
          b.l,
          b.c,
          fmt(b.vol),
          fmt(b.volCcy),
          fmt(b.volQuote),
          b.open === newestOpen ? '0' : '1',
        ]),
    )
  }
}

const tradeRow = (t: OkxTrade) => ({
  instId: t.instId,
  tradeId: t.tradeId,
  px: t.px,
  sz: t.sz,
  side: t.side,
  ts: t.ts,
})

/** Volumes to at most 8 decimals, trailing zeros dropped, as OKX writes them. */
const fmt = (x: number): string => String(Number(x.toFixed(8)))

interface Bar {
  open: number
  o: string
  h: string
  l: string
  c: string
  vol: number
  volCcy: number
  volQuote: number
}

/** Trades (oldest first) into bars of `barMs`; a bar with no trade is not served (OKX leaves it out too). */
function buildBars(trades: readonly OkxTrade[], barMs: number, contract: OkxContract | null): Bar[] {
  const bars: Bar[] = []
  const byTime = [...trades].sort((a, b) => Number(a.ts) - Number(b.ts))
  for (const t of byTime) {
    const open = Math.floor(Number(t.ts) / barMs) * barMs
    const px = Number(t.px)
    const sz = Number(t.sz)
    if (!Number.isFinite(open) || !(px > 0) || !(sz > 0)) continue
    let bar = bars[bars.length - 1]
    if (!bar || bar.open !== open) {
      bar = { open, o: t.px, h: t.px, l: t.px, c: t.px, vol: 0, volCcy: 0, volQuote: 0 }
      bars.push(bar)
    }
    if (px > Number(bar.h)) bar.h = t.px
    if (px < Number(bar.l)) bar.l = t.px
    bar.c = t.px
    const [base, quote] = baseAndQuote(sz, px, contract)
    bar.vol += contract && contract.instType !== 'SPOT' ? sz : base
    bar.volCcy += contract && contract.instType !== 'SPOT' ? base : quote
    bar.volQuote += quote
  }
  return bars
}

/** A trade's size in base and quote: spot sizes are base; a linear contract is ctVal base, an inverse one ctVal USD. */
function baseAndQuote(sz: number, px: number, c: OkxContract | null): [number, number] {
  if (!c || c.instType === 'SPOT' || c.ctVal === null) return [sz, sz * px]
  if (c.ctType === 'inverse') return [(sz * c.ctVal) / px, sz * c.ctVal]
  return [sz * c.ctVal, sz * c.ctVal * px]
}
