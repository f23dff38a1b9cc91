import { BinanceMarket } from './binance-market'
import { readFundingCsv, readMetricsCsv, windowRows } from './history-data'
import type { FundingRow, MetricColumn, MetricsBar } from './history-data'
import type { RestReply, RestRequest } from './http-util'
import { intParam, json, waitFor } from './http-util'
import { minuteKlineRows } from './minute-klines'
import { dataPath, readBinanceRestCapture } from './recordings'

/** Which recording backs which market. BTC: the 2023 files (they carry markPrice); ETH: 2024-08-08. */
const WS_FILES = {
  usdm: { BTCUSDT: 'usdm/btcusdt_20230405.dat.gz', ETHUSDT: 'usdm/ethusdt_20240808.gz' },
  spot: { BTCUSDT: 'spot/btcusdt_20230405.dat.gz', ETHUSDT: 'spot/ethusdt_20240808.gz' },
} as const
/** The recording just before a replayed one (its trade ids run on into it): served as past aggTrades/klines. */
const PAST_FILES: Partial<Record<string, string>> = { 'usdm:BTCUSDT': 'usdm/btcusdt_20230404.dat.gz' }
const METRICS = ['BTCUSDT', 'ETHUSDT', 'OPUSDT']
const FUNDING: Record<string, string> = {
  BTCUSDT: 'BTC-USDT/BTC-USDT_binance_2020-01-01_2024-01-01_funding_history.csv',
  ETHUSDT: 'ETH-USDT/ETH-USDT_binance_2020-01-01_2024-01-01_funding_history.csv',
}
/** The funding CSV's Date column is UTC+3 (see the data README). */
const FUNDING_CSV_UTC_OFFSET_H = 3

export type BinanceKind = 'usdm' | 'spot'

export interface BinanceVenueOptions {
  dataDir: string
  speed: number
  loop: boolean
}

const BAR_MS = 300_000

/**
 * The constant that moves a 5-minute history so its last bar closes at the 5-minute boundary at or before
 * `replayStartMs` (0 when there is no replay to align to). For BTCUSDT: the last bar opens 2024-05-16 19:35
 * UTC and closes 19:40 (1715888400000); the replay starts 2023-04-05 00:00 UTC (1680652800000), so -407 d 19 h 40 min.
 */
export function historyShiftMs(bars: readonly MetricsBar[], replayStartMs: number | null): number {
  const last = bars[bars.length - 1]
  if (!last || replayStartMs === null) return 0
  return Math.floor(replayStartMs / BAR_MS) * BAR_MS - (last.timestamp + BAR_MS)
}

const minOrNull = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b)

const binanceError = (code: number, msg: string, status = 400): RestReply => json({ code, msg }, status)

/** Binance USDⓈ-M and spot as far as ccxt's public market-data calls need them. */
export class BinanceVenue {
  private readonly markets = new Map<string, BinanceMarket>()
  private readonly metrics = new Map<string, MetricsBar[]>()
  private readonly funding = new Map<string, FundingRow[]>()
  private futuresExchangeInfo: string | null = null

  constructor(private readonly opts: BinanceVenueOptions) {}

  /** The replayed market, loaded on first use; null when no recording backs it. */
  market(kind: BinanceKind, symbol: string): BinanceMarket | null {
    const key = `${kind}:${symbol.toUpperCase()}`
    const known = this.markets.get(key)
    if (known) return known
    const file = (WS_FILES[kind] as Record<string, string>)[symbol.toUpperCase()]
    if (!file) return null
    const m = new BinanceMarket(symbol.toUpperCase(), dataPath(this.opts.dataDir, 'binance-ws', file), {
      speed: this.opts.speed,
      loop: this.opts.loop,
      tradeRing: 5000,
      pastFile: PAST_FILES[key] && dataPath(this.opts.dataDir, 'binance-ws', PAST_FILES[key]),
    })
    this.markets.set(key, m)
    return m
  }

  loadedMarkets(): BinanceMarket[] {
    return [...this.markets.values()]
  }

  /**
   * The symbol's futures-metrics week, **shifted** by a constant so that its last 5-minute bar closes where the
   * perp's replay starts (docs/emulator.md, "built: shifted"): the recordings are a year apart, and a venue's
   * history ends at its present. Values are the file's; only the timestamps move. A symbol without a replayed
   * recording (OP) keeps the file's own times.
   */
  private metricBars(symbol: string): MetricsBar[] | null {
    if (!METRICS.includes(symbol)) return null
    let bars = this.metrics.get(symbol)
    if (!bars) {
      const recorded = readMetricsCsv(dataPath(this.opts.dataDir, 'binance-futures-metrics', `${symbol}.csv`))
      const shift = historyShiftMs(recorded, this.market('usdm', symbol)?.startMs ?? null)
      bars =
        shift === 0 ? recorded : recorded.map((b) => ({ timestamp: b.timestamp + shift, cells: b.cells }))
      this.metrics.set(symbol, bars)
    }
    return bars
  }

  private fundingRows(symbol: string): FundingRow[] | null {
    const file = FUNDING[symbol]
    if (!file) return null
    let rows = this.funding.get(symbol)
    if (!rows) {
      rows = readFundingCsv(dataPath(this.opts.dataDir, 'funding-history', file), FUNDING_CSV_UTC_OFFSET_H)
      this.funding.set(symbol, rows)
    }
    return rows
  }

  async handle(req: RestRequest): Promise<RestReply | null> {
    const p = req.path
    const q = req.query
    const symbol = (q.get('symbol') ?? '').toUpperCase()
    if (p === '/fapi/v1/ping' || p === '/api/v3/ping') return json({})
    if (p === '/fapi/v1/time' || p === '/api/v3/time') return json({ serverTime: Date.now() })
    if (p === '/fapi/v1/exchangeInfo') {
      this.futuresExchangeInfo ??= readBinanceRestCapture(
        dataPath(this.opts.dataDir, 'exchange-ws-recordings', 'BINANCE_FUTURES.0'),
      ).get('https://fapi.binance.com/fapi/v1/exchangeInfo') as string
      return { status: 200, body: this.futuresExchangeInfo }
    }
    if (p === '/api/v3/exchangeInfo') return json(this.spotExchangeInfo())
    const kind: BinanceKind = p.startsWith('/api/') ? 'spot' : 'usdm'
    if (p === '/fapi/v1/depth' || p === '/api/v3/depth')
      return this.depth(kind, symbol, intParam(q, 'limit') ?? 100)
    if (p === '/fapi/v1/aggTrades' || p === '/api/v3/aggTrades') return this.aggTrades(kind, symbol, q)
    if (p === '/fapi/v1/premiumIndex') return this.premiumIndex(symbol)
    if (p === '/fapi/v1/fundingInfo') return json([])
    if (p === '/fapi/v1/fundingRate') {
      const rows = this.fundingRows(symbol)
      if (!rows) return binanceError(-1121, `no recorded funding history for ${symbol}`)
      const limit = Math.min(intParam(q, 'limit') ?? 100, 1000)
      // A venue serves no rate settled after its present: the replay's clock where the perp is replayed.
      const nowMs = this.market('usdm', symbol)?.clockMs ?? null
      const endMs = minOrNull(intParam(q, 'endTime'), nowMs)
      return json(
        windowRows(rows, (r) => r.fundingTimeMs, intParam(q, 'startTime'), endMs, limit).map((r) => ({
          symbol,
          fundingTime: r.fundingTimeMs,
          fundingRate: r.rate,
        })),
      )
    }
    if (p === '/fapi/v1/openInterest') {
      const bars = this.metricBars(symbol)
      const last = bars?.[bars.length - 1]
      if (!last) return binanceError(-1121, `no recorded open interest for ${symbol}`)
      return json({ symbol, openInterest: last.cells.sumOpenInterest, time: last.timestamp })
    }
    if (p.startsWith('/futures/data/')) return this.futuresData(p.slice('/futures/data/'.length), symbol, q)
    if (p === '/fapi/v1/klines') return this.klines(symbol, q)
    return null
  }

  private async depth(kind: BinanceKind, symbol: string, limit: number): Promise<RestReply> {
    const m = this.market(kind, symbol)
    if (!m) return binanceError(-1121, 'Invalid symbol.')
    // A snapshot is the recorded book at the replay position; wait until at least one diff has passed.
    await waitFor(() => m.book.updateId !== null, 3000)
    const top = m.book.top(limit)
    return json({ lastUpdateId: m.book.updateId, E: m.book.tsMs, T: m.book.tsMs, ...top })
  }

  private aggTrades(kind: BinanceKind, symbol: string, q: URLSearchParams): RestReply {
    const m = this.market(kind, symbol)
    if (!m) return binanceError(-1121, 'Invalid symbol.')
    const limit = Math.min(intParam(q, 'limit') ?? 500, 1000)
    const all = m.tradeHistory()
    const fromId = intParam(q, 'fromId')
    // fromId pages by id (Binance: the `limit` aggregates from that id on); otherwise by time, newest last.
    const rows =
      fromId !== null
        ? all.filter((t) => t.t >= fromId).slice(0, limit)
        : windowRows(all, (t) => t.T, intParam(q, 'startTime'), intParam(q, 'endTime'), limit)
    // Each recorded trade is served as its own aggregate (a = f = l = trade id).
    return json(rows.map((t) => ({ a: t.t, p: t.p, q: t.q, f: t.t, l: t.t, T: t.T, m: t.m })))
  }

  private premiumIndex(symbol: string): RestReply {
    const mp = this.market('usdm', symbol)?.markPrice
    if (!mp) return binanceError(-1121, `no recorded markPrice frame for ${symbol} yet`, 404)
    return json({
      symbol,
      markPrice: mp.p,
      indexPrice: mp.i,
      estimatedSettlePrice: mp.P,
      lastFundingRate: mp.r,
      nextFundingTime: mp.T,
      time: mp.E,
    })
  }

  private futuresData(endpoint: string, symbol: string, q: URLSearchParams): RestReply {
    const bars = this.metricBars(symbol)
    if (!bars) return binanceError(-1121, `no recorded futures data for ${symbol}`)
    if (q.get('period') !== '5m') return binanceError(-1120, 'only period=5m is recorded')
    const pick = (cols: Record<string, MetricColumn>) => (bar: MetricsBar) => {
      const out: Record<string, unknown> = { symbol }
      for (const [name, col] of Object.entries(cols)) {
        const v = bar.cells[col]
        if (v === null || v === undefined) return null
        out[name] = v
      }
      out.timestamp = bar.timestamp
      return out
    }
    const shapes: Record<string, (bar: MetricsBar) => Record<string, unknown> | null> = {
      openInterestHist: pick({
        sumOpenInterest: 'sumOpenInterest',
        sumOpenInterestValue: 'sumOpenInterestValue',
      }),
      topLongShortAccountRatio: pick({
        longShortRatio: 'topacclongShortRatio',
        longAccount: 'toplongAccount',
        shortAccount: 'topshortAccount',
      }),
      topLongShortPositionRatio: pick({
        longShortRatio: 'topposlongShortRatio',
        longAccount: 'longPosition',
        shortAccount: 'shortPosition',
      }),
      globalLongShortAccountRatio: pick({
        longShortRatio: 'globallongShortRatio',
        longAccount: 'globallongAccount',
        shortAccount: 'globalshortAccount',
      }),
      takerlongshortRatio: pick({ buySellRatio: 'buySellRatio', sellVol: 'sellVol', buyVol: 'buyVol' }),
    }
    const shape = shapes[endpoint]
    if (!shape) return binanceError(-1100, `unknown futures data endpoint ${endpoint}`, 404)
    const rows = bars.map(shape).filter((r): r is Record<string, unknown> => r !== null)
    const limit = Math.min(intParam(q, 'limit') ?? 30, 500)
    return json(
      windowRows(rows, (r) => r.timestamp as number, intParam(q, 'startTime'), intParam(q, 'endTime'), limit),
    )
  }

  private klines(symbol: string, q: URLSearchParams): RestReply {
    if (q.get('interval') === '1m') return this.minuteKlines(symbol, q)
    const bars = this.metricBars(symbol)
    if (!bars) return binanceError(-1121, `no recorded klines for ${symbol}`)
    if (q.get('interval') !== '5m') return binanceError(-1120, 'only intervals 1m and 5m are served')
    const barMs = BAR_MS
    const rows = bars
      .filter((b) => b.cells.openPrice !== null && b.cells.closePrice !== null)
      .map((b) => {
        const c = b.cells
        // Every trade has one taker, so taker buy + taker sell volume is the bar's whole volume.
        const vol =
          c.buyVol !== null && c.sellVol !== null ? String(Number(c.buyVol) + Number(c.sellVol)) : null
        return [
          b.timestamp,
          c.openPrice,
          c.highPrice,
          c.lowPrice,
          c.closePrice,
          vol,
          b.timestamp + barMs - 1,
          null,
          null,
          c.buyVol,
          null,
          '0',
        ]
      })
    const limit = Math.min(intParam(q, 'limit') ?? 500, 1500)
    return json(
      windowRows(rows, (r) => r[0] as number, intParam(q, 'startTime'), intParam(q, 'endTime'), limit),
    )
  }

  /**
   * 1-minute klines built from the recorded trades a REST client may see (the earlier recording and the replay
   * so far), Binance's row layout; the minute in progress is the open kline, as Binance serves it.
   */
  private minuteKlines(symbol: string, q: URLSearchParams): RestReply {
    const m = this.market('usdm', symbol)
    if (!m) return binanceError(-1121, `no recorded trades for ${symbol}`)
    const rows = minuteKlineRows(m.tradeHistory())
    const limit = Math.min(intParam(q, 'limit') ?? 500, 1500)
    return json(
      windowRows(rows, (r) => r[0] as number, intParam(q, 'startTime'), intParam(q, 'endTime'), limit),
    )
  }

  /** Built from the futures capture's BTC/ETH entries and the recorded spot trades' increments. */
  private spotExchangeInfo(): Record<string, unknown> {
    const symbols = Object.keys(WS_FILES.spot).map((symbol) => {
      const m = this.market('spot', symbol) as BinanceMarket
      const base = symbol.replace(/USDT$/, '')
      return {
        symbol,
        status: 'TRADING',
        baseAsset: base,
        baseAssetPrecision: 8,
        quoteAsset: 'USDT',
        quotePrecision: 8,
        quoteAssetPrecision: 8,
        orderTypes: ['LIMIT', 'MARKET'],
        isSpotTradingAllowed: true,
        isMarginTradingAllowed: false,
        permissions: ['SPOT'],
        permissionSets: [['SPOT']],
        filters: [
          {
            filterType: 'PRICE_FILTER',
            minPrice: m.tickSize,
            maxPrice: '1000000.00000000',
            tickSize: m.tickSize,
          },
          { filterType: 'LOT_SIZE', minQty: m.stepSize, maxQty: '9000.00000000', stepSize: m.stepSize },
        ],
      }
    })
    return { timezone: 'UTC', serverTime: Date.now(), rateLimits: [], exchangeFilters: [], symbols }
  }
}
