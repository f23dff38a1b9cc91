import { readFundingCsv, readMetricsCsv } from './history-data'
import type { MetricsBar } from './history-data'
import type { RestReply, RestRequest } from './http-util'
import { json } from './http-util'
import { dataPath, readBinanceRestCapture, readCaptureFile } from './recordings'

/**
 * The venues' all-symbol endpoints the radar's universe reads (docs/emulator.md, "Universe"). Only a few
 * markets are recorded, so each listed perp without a recording is served a recorded market's figures under
 * its own symbol, the recorded markets taken in turn: a synthetic universe of real payload shapes and real
 * values, for load and end-to-end runs, never for judging a market.
 */
export class UniverseRoutes {
  private binance: { premium: unknown[]; tickers: unknown[]; oi: Map<string, unknown> } | null = null
  private bybit: unknown[] | null = null
  private okx: unknown[] | null = null

  constructor(private readonly dataDir: string) {}

  handle(req: RestRequest): RestReply | null {
    const q = req.query
    if (req.path === '/fapi/v1/premiumIndex' && !q.get('symbol')) return json(this.binanceData().premium)
    if (req.path === '/fapi/v1/ticker/24hr' && !q.get('symbol')) return json(this.binanceData().tickers)
    if (req.path === '/fapi/v1/openInterest') {
      // Recorded symbols are answered by the Binance venue itself; the replicated ones here.
      const oi = this.binanceData().oi.get((q.get('symbol') ?? '').toUpperCase())
      return oi ? json(oi) : null
    }
    if (req.path === '/v5/market/tickers' && q.get('category') === 'linear' && !q.get('symbol'))
      return json({
        retCode: 0,
        retMsg: 'OK',
        result: { category: 'linear', list: this.bybitData() },
        time: Date.now(),
      })
    if (req.path === '/api/v5/market/tickers' && q.get('instType') === 'SWAP')
      return json({ code: '0', msg: '', data: this.okxData() })
    if (req.path === '/api/v5/public/open-interest' || req.path === '/api/v5/public/funding-rate')
      return json(
        { code: '51001', msg: `emulator: no recorded OKX ${req.path.split('/').pop()} payload`, data: [] },
        400,
      )
    return null
  }

  /** Perpetuals of the recorded exchangeInfo, with the three 5-minute metrics files as templates. */
  private binanceData(): NonNullable<UniverseRoutes['binance']> {
    if (this.binance) return this.binance
    const info = JSON.parse(
      readBinanceRestCapture(dataPath(this.dataDir, 'exchange-ws-recordings', 'BINANCE_FUTURES.0')).get(
        'https://fapi.binance.com/fapi/v1/exchangeInfo',
      ) as string,
    ) as { symbols: { symbol: string; contractType: string; status: string }[] }
    const listed = info.symbols
      .filter((s) => s.contractType === 'PERPETUAL' && s.status === 'TRADING')
      .map((s) => s.symbol)
    const templates = ['BTCUSDT', 'ETHUSDT', 'OPUSDT'].map((sym) => binanceTemplate(this.dataDir, sym))
    const recorded = new Set(templates.map((t) => t.symbol))
    const premium: unknown[] = []
    const tickers: unknown[] = []
    const oi = new Map<string, unknown>()
    const symbols = [...new Set([...templates.map((t) => t.symbol), ...listed])]
    symbols.forEach((symbol, i) => {
      const t =
        templates.find((x) => x.symbol === symbol) ?? (templates[i % templates.length] as BinanceTemplate)
      premium.push({ ...t.premium, symbol })
      tickers.push({ ...t.ticker, symbol })
      if (!recorded.has(symbol)) oi.set(symbol, { ...t.oi, symbol })
    })
    return (this.binance = { premium, tickers, oi })
  }

  /** Linear perpetuals of the recorded instrument list; templates: the last state of each recorded ticker. */
  private bybitData(): unknown[] {
    if (this.bybit) return this.bybit
    const entries = readCaptureFile(dataPath(this.dataDir, 'exchange-ws-recordings', 'BYBIT.jsonl.zst'))
    let listed: string[] = []
    const tickers = new Map<string, Record<string, unknown>>()
    for (const e of entries) {
      if (e.t === 'http' && e.url?.includes('category=linear') && e.data) {
        const list = (JSON.parse(e.data) as { result: { list: Record<string, string>[] } }).result.list
        listed = list
          .filter((m) => m.contractType === 'LinearPerpetual' && m.status === 'Trading')
          .map((m) => m.symbol as string)
      }
      if (e.t !== 'recv' || !e.data?.includes('"tickers.')) continue
      const f = JSON.parse(e.data) as { topic: string; type: string; data: Record<string, unknown> }
      const sym = f.topic.slice('tickers.'.length)
      const merged = { ...(f.type === 'snapshot' ? {} : (tickers.get(sym) ?? {})), ...f.data }
      // The linear tickers are the ones with a mark price (the spot connection has the same topics).
      if ('markPrice' in merged) tickers.set(sym, merged)
    }
    const templates = [...tickers.entries()]
    return (this.bybit = [...new Set([...tickers.keys(), ...listed])].map((symbol, i) => ({
      ...(tickers.get(symbol) ?? (templates[i % templates.length] as [string, Record<string, unknown>])[1]),
      symbol,
    })))
  }

  /** Linear swaps of the recorded instrument list; template: the last recorded swap ticker (UNI-USD-SWAP). */
  private okxData(): unknown[] {
    if (this.okx) return this.okx
    let listed: string[] = []
    let template: Record<string, unknown> | null = null
    for (const e of readCaptureFile(dataPath(this.dataDir, 'exchange-ws-recordings', 'OKX.jsonl.zst'))) {
      if (e.t === 'http' && e.url?.includes('instType=SWAP') && e.data && listed.length === 0) {
        const data = (JSON.parse(e.data) as { data: Record<string, string>[] }).data
        listed = data
          .filter((m) => m.ctType === 'linear' && m.state === 'live')
          .map((m) => m.instId as string)
      }
      if (e.t === 'recv' && e.data?.includes('"tickers"') && e.data.includes('-SWAP')) {
        const f = JSON.parse(e.data) as { data?: Record<string, unknown>[] }
        if (f.data?.[0]) template = f.data[0]
      }
    }
    return (this.okx = template ? listed.map((instId) => ({ ...template, instType: 'SWAP', instId })) : [])
  }
}

interface BinanceTemplate {
  symbol: string
  premium: Record<string, unknown>
  ticker: Record<string, unknown>
  oi: Record<string, unknown>
}

const DAY_BARS = 288

/**
 * A recorded symbol's figures at the end of its 5-minute metrics file: price and OI of the last bar, 24 h
 * change and quote volume (taker buy + sell, base × close) over the last 288 bars, and the newest settled
 * funding rate of its funding file where there is one.
 */
function binanceTemplate(dataDir: string, symbol: string): BinanceTemplate {
  const bars = readMetricsCsv(dataPath(dataDir, 'binance-futures-metrics', `${symbol}.csv`)).filter(
    (b) => b.cells.closePrice !== null,
  )
  const last = bars[bars.length - 1] as MetricsBar
  const dayAgo = bars[Math.max(0, bars.length - 1 - DAY_BARS)] as MetricsBar
  const close = Number(last.cells.closePrice)
  const before = Number(dayAgo.cells.closePrice)
  let quoteVolume = 0
  for (const b of bars.slice(-DAY_BARS)) {
    const c = b.cells
    if (c.buyVol !== null && c.sellVol !== null)
      quoteVolume += (Number(c.buyVol) + Number(c.sellVol)) * Number(c.closePrice)
  }
  const funding = newestBinanceFunding(dataDir, `${symbol.replace(/USDT$/, '')}-USDT`)
  const time = last.timestamp + 300_000
  return {
    symbol,
    premium: {
      markPrice: String(close),
      indexPrice: String(close),
      lastFundingRate: funding ?? '',
      nextFundingTime: Math.ceil(time / 28_800_000) * 28_800_000,
      time,
    },
    ticker: {
      lastPrice: String(close),
      priceChangePercent: ((close / before - 1) * 100).toFixed(3),
      quoteVolume: quoteVolume.toFixed(2),
      closeTime: time,
    },
    oi: { openInterest: last.cells.sumOpenInterest, time },
  }
}

/** The newest settled rate of a pair's Binance funding file; null where none is recorded (served as missing). */
function newestBinanceFunding(dataDir: string, pair: string): string | null {
  const file = `${pair}_binance_2020-01-01_2024-01-01_funding_history.csv`
  try {
    const rows = readFundingCsv(dataPath(dataDir, 'funding-history', pair, file), 3)
    return rows[rows.length - 1]?.rate ?? null
  } catch {
    return null
  }
}
