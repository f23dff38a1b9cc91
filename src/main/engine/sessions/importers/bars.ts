import type { LiquidationBarEvent, MarketEvent } from '../../../../shared/market-event'
import { parseColumnMapping, type BarField } from './bars-columns'
import { setupBarsFile, type BarsFileSetup } from './bars-setup'
import { ImportContext } from './import-context'
import { readLineStream } from './line-stream'
import { num } from './read-text'
import { badAmount, badFunding, badPrice, outsideVenueLife, parseTime, type TimeUnit } from './row-domain'
import type { Importer } from './types'

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ')
const MAX_GAPS_LISTED = 5

type Values = Partial<Record<BarField, number>>

/** The row's numeric fields; an unparsable non-empty field makes the row bad (empty stays missing). */
function readValues(fields: string[], s: BarsFileSetup): Values | string {
  const v: Values = {}
  for (const [field, col] of Object.entries(s.cols) as [BarField, number][]) {
    if (field === 'time') continue
    const text = fields[col] ?? ''
    const n = num(text)
    if (n === null) {
      if (text.trim() !== '') return `${s.header[col]} "${text.slice(0, 20)}" is not a number`
      continue
    }
    v[field] = n
  }
  return v
}

/** Why the row's values are out of their domain, or null. Prices > 0, amounts ≥ 0, funding within caps. */
function domainProblem(v: Values, fundingFraction: number | null): string | null {
  for (const f of ['open', 'high', 'low', 'close'] as const) {
    const p = v[f] === undefined ? null : badPrice(f, v[f]!)
    if (p) return p
  }
  const { open, high, low, close } = v
  if (high !== undefined && low !== undefined && high < low) return `high ${high} is below low ${low}`
  if (high !== undefined && low !== undefined) {
    for (const [n, x] of [
      ['open', open],
      ['close', close],
    ] as const) {
      if (x !== undefined && (x > high || x < low)) return `${n} ${x} is outside low–high ${low}–${high}`
    }
  }
  for (const f of [
    'volumeBase',
    'volumeUsd',
    'oiUsd',
    'oiContracts',
    'oiBase',
    'liqLongUsd',
    'liqShortUsd',
    'takerBuyBase',
    'takerSellBase',
  ] as const) {
    const p = v[f] === undefined ? null : badAmount(f, v[f]!)
    if (p) return p
  }
  if (fundingFraction !== null) return badFunding(fundingFraction)
  return null
}

/** One row's events; liquidation bars go to `liqs` so a file whose liquidation columns are all 0 drops them. */
function rowEvents(
  s: BarsFileSetup,
  openMs: number,
  v: Values,
  out: MarketEvent[],
  liqs: LiquidationBarEvent[],
): void {
  const endMs = openMs + s.barMs
  // Every value of a bar is known only once it has closed: stamped at its last millisecond, like candles.
  // Fields are copied one by one: object spread costs microseconds per event on Node 20.
  const base = { venue: s.venue, symbol: s.symbol, exchangeTsMs: endMs - 1, receiveTsMs: endMs - 1 }
  const { open, high, low, close } = v
  if (open !== undefined && high !== undefined && low !== undefined && close !== undefined) {
    out.push({
      venue: s.priceVenue,
      symbol: s.priceSymbol,
      exchangeTsMs: base.exchangeTsMs,
      receiveTsMs: base.receiveTsMs,
      type: 'candle',
      priceKind: 'last',
      intervalSec: s.barMs / 1000,
      openTsMs: openMs,
      open,
      high,
      low,
      close,
      volumeBase: v.volumeBase ?? null,
      volumeUsd: v.volumeUsd ?? null,
    })
  }
  if (v.oiUsd !== undefined || v.oiContracts !== undefined || v.oiBase !== undefined) {
    out.push({
      venue: base.venue,
      symbol: base.symbol,
      exchangeTsMs: base.exchangeTsMs,
      receiveTsMs: base.receiveTsMs,
      type: 'openInterest',
      oiContracts: v.oiContracts ?? null,
      oiBase: v.oiBase ?? null,
      oiUsd: v.oiUsd ?? null,
    })
  }
  if (v.funding !== undefined && s.fundingToFraction !== null && s.fundingIntervalHours !== null) {
    const periodMs = s.fundingIntervalHours * 3_600_000
    // The rate that settles at a funding time is the close of the bar ending then; others are estimates.
    const settled = endMs % periodMs === 0
    out.push({
      venue: base.venue,
      symbol: base.symbol,
      exchangeTsMs: base.exchangeTsMs,
      receiveTsMs: base.receiveTsMs,
      type: 'funding',
      fundingRatePerPeriod: v.funding * s.fundingToFraction,
      fundingIntervalHours: s.fundingIntervalHours,
      nextFundingTsMs: settled ? endMs + periodMs : Math.ceil(endMs / periodMs) * periodMs,
      predictedRatePerPeriod: null,
      settled,
    })
  }
  if (v.liqLongUsd !== undefined && v.liqShortUsd !== undefined) {
    liqs.push({
      venue: base.venue,
      symbol: base.symbol,
      exchangeTsMs: base.exchangeTsMs,
      receiveTsMs: base.receiveTsMs,
      type: 'liquidationBar',
      openTsMs: openMs,
      intervalSec: s.barMs / 1000,
      longUsd: v.liqLongUsd,
      shortUsd: v.liqShortUsd,
      coveredVenues: s.liqCoveredVenues,
    })
  }
  if (v.takerBuyBase !== undefined || v.takerSellBase !== undefined) {
    out.push({
      venue: base.venue,
      symbol: base.symbol,
      exchangeTsMs: base.exchangeTsMs,
      receiveTsMs: base.receiveTsMs,
      type: 'takerVolume',
      buyVolBase: v.takerBuyBase ?? null,
      sellVolBase: v.takerSellBase ?? null,
      periodMinutes: s.barMs / 60_000,
    })
  }
}

async function importFile(ctx: ImportContext, s: BarsFileSetup, seenBars: Set<string>): Promise<void> {
  ctx.beginFile(s.path)
  for (const n of s.notes) ctx.note(n)
  const reader = await readLineStream(s.path)
  const unit: { unit: TimeUnit | null } = { unit: null }
  const liqs: LiquidationBarEvent[] = []
  let liqNonZero = false
  let prevOpen: number | null = null
  const gaps: string[] = []
  let gapCount = 0
  for await (const { text, line } of reader.lines) {
    if (line === 1 || text.trim() === '') continue
    if ((line & 1023) === 0) await ctx.tick(reader.bytesRead() / Math.max(1, ctx.currentFileBytes))
    const fields = text.split(',')
    if (fields.length !== s.header.length) {
      ctx.badRow(line, `expected ${s.header.length} fields, found ${fields.length}`)
      continue
    }
    const t = parseTime(fields[s.cols.time!] ?? '', unit)
    if ('error' in t) {
      ctx.badRow(line, t.error)
      continue
    }
    const life = outsideVenueLife(t.ms, s.venue)
    if (life) {
      ctx.badRow(line, life)
      continue
    }
    if (t.ms % s.barMs !== 0 && s.barMs % 60_000 === 0) {
      ctx.badRow(line, `time ${iso(t.ms)} is not on a ${s.barMs / 60_000}-minute bar boundary`)
      continue
    }
    if (prevOpen !== null && t.ms <= prevOpen) {
      if (t.ms === prevOpen) ctx.count('duplicateBarsDropped')
      else ctx.badRow(line, `time ${iso(t.ms)} goes back from ${iso(prevOpen)} (rows must ascend)`)
      continue
    }
    const v = readValues(fields, s)
    if (typeof v === 'string') {
      ctx.badRow(line, v)
      continue
    }
    const fundingFraction =
      v.funding !== undefined && s.fundingToFraction !== null ? v.funding * s.fundingToFraction : null
    const problem = domainProblem(v, fundingFraction)
    if (problem) {
      ctx.badRow(line, problem)
      continue
    }
    if (prevOpen !== null && t.ms - prevOpen > s.barMs) {
      const missing = (t.ms - prevOpen) / s.barMs - 1
      gapCount++
      if (gaps.length < MAX_GAPS_LISTED)
        gaps.push(`${iso(prevOpen + s.barMs)} (${missing} bar${missing > 1 ? 's' : ''})`)
      ctx.events.push({
        type: 'gap',
        venue: s.venue,
        symbol: s.symbol,
        exchangeTsMs: prevOpen + s.barMs,
        receiveTsMs: prevOpen + s.barMs,
        stream: 'bars',
        fromTsMs: prevOpen + s.barMs,
        toTsMs: t.ms,
        reason: 'no row in the source file',
        backfilled: false,
      })
    }
    prevOpen = t.ms
    // Overlapping files (the same bars in two exports) keep the first copy.
    const key = `${s.venue}:${s.symbol}|${s.barMs}|${t.ms}`
    if (seenBars.has(key)) {
      ctx.count('duplicateBarsDropped')
      continue
    }
    seenBars.add(key)
    if ((v.liqLongUsd ?? 0) !== 0 || (v.liqShortUsd ?? 0) !== 0) liqNonZero = true
    rowEvents(s, t.ms, v, ctx.events, liqs)
    ctx.count('bars')
  }
  if (gapCount > 0) {
    ctx.note(
      `${s.file}: ${gapCount} stretch(es) with no row, from ${gaps.join(', ')}${gapCount > gaps.length ? ', …' : ''}.`,
    )
  }
  if (liqs.length > 0 && !liqNonZero) {
    ctx.note(
      `${s.file}: the liquidation columns are 0 in every row — read as missing (the source publishes no liquidation history), not as zero liquidations.`,
    )
  } else {
    for (const e of liqs) ctx.events.push(e)
  }
}

/**
 * Bars of any source in one documented CSV schema (docs/import-formats.md): OHLC, volume, OI, funding,
 * realized liquidations per side and taker volume, with the bar size read from the data. Every file's header
 * and units are settled before the first row is imported, so a file that cannot be read refuses the run.
 */
export const barsImporter: Importer = {
  format: 'bars',
  summary: 'bars CSV (time, OHLC, volume, OI, funding, liquidations, taker volume) with --columns mapping',
  async run(paths, opts) {
    const mapping = parseColumnMapping(opts.columns)
    const setups: BarsFileSetup[] = []
    for (const p of paths) setups.push(await setupBarsFile(p, opts, mapping))
    const ctx = new ImportContext(paths, opts, 'bar history export')
    const seen = new Set<string>()
    for (const s of setups) await importFile(ctx, s, seen)
    const layouts = setups.some((s) => s.layout)
    if (layouts) {
      ctx.result.provenance =
        'CoinGlass public history (liquidations over Binance, Bybit and OKX; funding; OI) and Binance public REST, as exported by github.com/ismethanhtung/btc-liquidations-analysis'
    }
    await ctx.finish()
    return ctx.result
  },
}
