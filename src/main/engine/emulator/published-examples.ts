import type { RestReply, RestRequest } from './http-util'
import { intParam, json } from './http-util'

/**
 * The venues' **published** API-documentation example payloads, for endpoints no recording here covers
 * (docs/emulator.md, "Published examples"). Each is the example as ccxt 4.5.84 quotes it beside the parser
 * that reads it (node_modules/ccxt/js/src/okx.js, bybit.js), served only for the instrument the example names
 * and only for the request shape it answers. They are documentation values, not market data of any replay:
 * their times are the examples' own (2020-2024), and a client sees exactly what the venue's docs show.
 */
interface Example {
  path: string
  /** Query parameters the request must carry, with these values. */
  query: Record<string, string>
  body: unknown
  /** Narrows the example's rows to the request's time bounds and limit, as the venue pages. */
  page?: (body: unknown, q: URLSearchParams) => unknown
}

const EXAMPLES: Example[] = [
  {
    // okx.js parseFundingRate: the REST /public/funding-rate example.
    path: '/api/v5/public/funding-rate',
    query: { instId: 'BTC-USD-SWAP' },
    body: {
      code: '0',
      msg: '',
      data: [
        {
          fundingRate: '0.00027815',
          fundingTime: '1634256000000',
          instId: 'BTC-USD-SWAP',
          instType: 'SWAP',
          nextFundingRate: '0.00017',
          nextFundingTime: '1634284800000',
        },
      ],
    },
  },
  {
    // okx.js fetchFundingRateHistory: the /public/funding-rate-history example (two rows, as published).
    path: '/api/v5/public/funding-rate-history',
    query: { instId: 'BTC-USDT-SWAP' },
    body: {
      code: '0',
      msg: '',
      data: [
        {
          instType: 'SWAP',
          instId: 'BTC-USDT-SWAP',
          fundingRate: '0.018',
          realizedRate: '0.017',
          fundingTime: '1597026383085',
        },
        {
          instType: 'SWAP',
          instId: 'BTC-USDT-SWAP',
          fundingRate: '0.018',
          realizedRate: '0.017',
          fundingTime: '1597026383085',
        },
      ],
    },
    // OKX pages funding history by `after` (older than) / `before` (newer than) a fundingTime, ≤ 100 rows.
    page: (body, q) =>
      okxPage(body, (r) => Number((r as { fundingTime: string }).fundingTime), q, 'after', 'before', false),
  },
  {
    // okx.js fetchOpenInterest: the /public/open-interest example.
    path: '/api/v5/public/open-interest',
    query: { instId: 'BTC-USDT-SWAP' },
    body: {
      code: '0',
      data: [
        { instId: 'BTC-USDT-SWAP', instType: 'SWAP', oi: '2125419', oiCcy: '21254.19', ts: '1664005108969' },
      ],
      msg: '',
    },
  },
  {
    // bybit.js fetchLongShortRatioHistory: the /v5/market/account-ratio example.
    path: '/v5/market/account-ratio',
    query: { category: 'linear', symbol: 'BTCUSDT' },
    body: {
      retCode: 0,
      retMsg: 'OK',
      result: {
        list: [{ symbol: 'BTCUSDT', buyRatio: '0.5707', sellRatio: '0.4293', timestamp: '1729123200000' }],
      },
      retExtInfo: {},
      time: 1729147842516,
    },
  },
  {
    // bybit.js fetchOpenInterestHistory: the /v5/market/open-interest example (an inverse contract).
    path: '/v5/market/open-interest',
    query: { category: 'inverse', symbol: 'BTCUSD' },
    body: {
      retCode: 0,
      retMsg: 'OK',
      result: {
        symbol: 'BTCUSD',
        category: 'inverse',
        list: [
          { openInterest: '461134384.00000000', timestamp: '1669571400000' },
          { openInterest: '461134292.00000000', timestamp: '1669571100000' },
        ],
        nextPageCursor: '',
      },
      retExtInfo: {},
      time: 1672053548579,
    },
  },
]

/**
 * OKX's contract long/short account ratio as ccxt 4.5.84 quotes it (okx.js fetchLongShortRatioHistory): three
 * 5-minute rows of 2024-10-19 07:30-07:40 UTC, `[ts, ratio]`. The rows name no instrument (OKX answers for the
 * `instId` asked), so this one example is **replicated**: served for every swap asked, like the universe's
 * replicated rows, and never a reading of that swap.
 */
const OKX_ACCOUNT_RATIO_ROWS: [string, string][] = [
  ['1729323600000', '0.9398602814619824'],
  ['1729323300000', '0.9398602814619824'],
  ['1729323000000', '0.9398602814619824'],
]

/** `GET /api/v5/rubik/stat/contracts/long-short-account-ratio-contract`: the replicated published example. */
function okxAccountRatio(q: URLSearchParams): RestReply | null {
  const instId = q.get('instId') ?? ''
  const period = q.get('period') ?? '5m'
  if (!instId.endsWith('-SWAP') || period !== '5m') return null
  // Rubik series take `begin` / `end` (inclusive bounds on ts) and at most 100 rows, newest first.
  return json(
    okxPage(
      { code: '0', msg: '', data: OKX_ACCOUNT_RATIO_ROWS },
      (r) => Number((r as string[])[0]),
      q,
      'end',
      'begin',
      true,
    ),
  )
}

/** An OKX body's `data` rows (newest first) within the request's bounds and `limit` (≤ 100). */
function okxPage(
  body: unknown,
  tsOf: (row: unknown) => number,
  q: URLSearchParams,
  olderKey: string,
  newerKey: string,
  inclusive: boolean,
): unknown {
  const b = body as { data: unknown[] }
  const older = intParam(q, olderKey)
  const newer = intParam(q, newerKey)
  const limit = Math.min(intParam(q, 'limit') ?? 100, 100)
  const rows = b.data.filter((r) => {
    const ts = tsOf(r)
    const belowOlder = older === null || (inclusive ? ts <= older : ts < older)
    const aboveNewer = newer === null || (inclusive ? ts >= newer : ts > newer)
    return belowOlder && aboveNewer
  })
  return { ...b, data: rows.slice(0, limit) }
}

/** The published example a request asks for, or null (the venue's own handler answers, or refuses). */
export function publishedExample(req: RestRequest): RestReply | null {
  if (req.path === '/api/v5/rubik/stat/contracts/long-short-account-ratio-contract')
    return okxAccountRatio(req.query)
  const ex = EXAMPLES.find(
    (e) => e.path === req.path && Object.entries(e.query).every(([k, v]) => req.query.get(k) === v),
  )
  if (!ex) return null
  return json(ex.page ? ex.page(ex.body, req.query) : ex.body)
}
