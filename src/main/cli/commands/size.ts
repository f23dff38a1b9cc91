import { join, resolve } from 'node:path'
import { calculateSize } from '../../../shared/sizing/calculate-size'
import { formatSizeAnswer } from '../../../shared/sizing/format-size-answer'
import type { SizingVenue } from '../../../shared/sizing/liquidation-for-leverage'
import { SIZING_VENUES } from '../../../shared/sizing/liquidation-for-leverage'
import type { SizeAnswer, SizeErrorAnswer } from '../../../shared/sizing/size-answer'
import { parseSizeRequest } from '../../../shared/sizing/size-request'
import { loadBundledTiers } from '../../engine/sizing/bundled-tiers'
import { createSizingMarketLookup } from '../../engine/sizing/sizing-markets'
import {
  readTiersCaches,
  refreshTiersCache,
  type LeverageTiersFetcher,
} from '../../engine/sizing/tiers-cache'
import { defaultUserDataDir } from '../../engine/user-data'
import { stringOption, UsageError } from '../args'
import type { Command, CommandIo } from '../command'

const VENUES = SIZING_VENUES

const HELP = `Usage: radar size --json < request.json
       radar size < request.json              (readable summary instead of JSON)
       radar size --refresh-tiers <venue>     (fetch the venue's maintenance-margin tiers into the cache)

Position-size calculator: size from risk and stop, initial margin, the venue's exact liquidation price
(maintenance-margin tiers, isolated or cross), loss at the stop with fees, funding carry, distances, warnings
and a size adjusted to the market's composite risk.

Request (JSON on standard input; prices in quote currency, quantities in base units, rates as fractions):
  walletBalance           cross: the account wallet balance; isolated: the margin of this position
                          (isolated, when absent: notional / leverage)
  marginMode              "isolated" | "cross"
  venue                   "binanceusdm" | "bybit"
  position                {symbol ("BTC/USDT:USDT"), side "long"|"short", entryPrice, stopPrice?, leverage?,
                           riskPercent? | riskUsd?, quantity?}; without quantity the size comes from the risk
                          budget and the stop (or, isolated, from walletBalance × leverage)
  otherPositions?         cross only: [{symbol, side, quantity, entryPrice, markPrice,
                           maintenanceMarginRate?, maintenanceAmount?}]
  maintenanceMarginRate?, maintenanceAmount?
                          override the market's tiers (Binance cum / Bybit mmDeduction; amount defaults to 0)
  feeRate?                taker fee per side (default: Binance 0.0005, Bybit 0.00055)
  accountEquity?          what riskPercent is a percent of (default walletBalance in cross mode)
  lotSize?                quantity step; default: the market's lot (cache or bundled snapshot), else unrounded
  atr?                    ATR in price units, for distances in ATR
  fundingRatePerPeriod?, fundingIntervalHours?, holdingHours?    funding carry
  riskLevel?              "low" | "medium" | "high" | null: the market's composite risk
  liquidationBufferPercent?   warn when the stop is this close to liquidation (default 1)
  acceptCappedSize?       true: a size above a cap (the venue's max notional for the leverage, margin above
                          the equity) is capped instead of refused; a size-capped warning says which cap

Refused (exit 2, no figures): leverage above the venue's maximum for the market; a size above the notional
the leverage allows or whose margin exceeds the equity (the error names the capped size); a liquidation price
at or beyond the entry (the position would be liquidated on opening).

Answer: quantity, quantityContracts, notional, initialMargin, tier, liquidationPrice (+ liquidationFormula,
liquidationTier, liquidationPriceWithEntryTier), maintenanceMarginRate, maintenanceAmount, lossAtStop
(+ lossAtStopDetail), sizing (risk budget, rounding and its risk change), funding, stopDistance,
liquidationDistance (% and ATR), riskAdjusted {quantityBase, factor, reason}, tiersSource {kind, date},
warnings [{code, severity, message}], errors [{field, message}]. A figure that cannot be computed is null
beside a reason.

Tiers: the market's tiers from the cache (radar size --refresh-tiers, needs the network) when present, else
the bundled Binance USDⓈ-M snapshot of 2024-10-24. Bybit has no bundled tiers: give its rate and amount.

Options:
  --json                  write the JSON answer
  --user-data <dir>       folder of the tiers cache (default: the app's user-data folder)
  --refresh-tiers <venue> fetch the venue's tiers with ccxt and store them in the cache (binanceusdm needs
                          RADAR_BINANCE_API_KEY and RADAR_BINANCE_API_SECRET: Binance signs that endpoint)

Exit codes: 0 computed; 2 invalid request (the answer's errors name each field); 1 other failure.

Example:
  echo '{"walletBalance":500,"marginMode":"cross","venue":"binanceusdm","position":{"symbol":"BTC/USDT:USDT",
    "side":"long","entryPrice":50000,"leverage":20,"quantity":0.02},"maintenanceMarginRate":0.004,
    "maintenanceAmount":0}' | radar size --json        -> liquidationPrice 25100.40…
`

function cacheDir(userData: string | undefined): string {
  return join(resolve(userData ?? defaultUserDataDir()), 'cache')
}

/**
 * Binance serves leverage brackets only to a signed request (GET /fapi/v1/leverageBracket is USER_DATA), so
 * its refresh needs an API key, read from the environment for this one call and never stored; a read-only
 * key suffices. Bybit's risk limits are public.
 */
export function tiersCredentials(
  venue: SizingVenue,
  env: NodeJS.ProcessEnv,
): { apiKey?: string; secret?: string } {
  if (venue !== 'binanceusdm') return {}
  const apiKey = env.RADAR_BINANCE_API_KEY
  const secret = env.RADAR_BINANCE_API_SECRET
  if (!apiKey || !secret)
    throw new UsageError(
      'Binance serves leverage brackets only to a signed request: set RADAR_BINANCE_API_KEY and ' +
        'RADAR_BINANCE_API_SECRET (a read-only key is enough; it is used for this fetch and not stored)',
    )
  return { apiKey, secret }
}

async function refresh(venueText: string, dir: string, io: CommandIo): Promise<number> {
  if (!VENUES.includes(venueText as SizingVenue))
    throw new UsageError(`--refresh-tiers takes ${VENUES.join(' or ')}, got "${venueText}"`)
  const venue = venueText as SizingVenue
  // ccxt is large: loaded only for this path.
  const credentials = tiersCredentials(venue, process.env)
  const ccxt = (await import('ccxt')).default as unknown as Record<
    SizingVenue,
    new (config: Record<string, unknown>) => LeverageTiersFetcher
  >
  const r = await refreshTiersCache(new ccxt[venue](credentials), venue, dir)
  io.stdout(
    `${r.path}: ${r.markets} markets${r.skipped.length > 0 ? ` (not linear, skipped: ${r.skipped.length})` : ''}\n`,
  )
  return 0
}

async function readRequest(
  io: CommandIo,
): Promise<{ ok: true; data: unknown } | { ok: false; answer: SizeErrorAnswer }> {
  const text = await io.readStdin()
  if (text.trim() === '')
    return {
      ok: false,
      answer: {
        errors: [{ field: '(request)', message: 'no JSON request on standard input' }],
        warnings: [],
      },
    }
  try {
    return { ok: true, data: JSON.parse(text) }
  } catch (err) {
    const message = `not valid JSON: ${err instanceof Error ? err.message : String(err)}`
    return { ok: false, answer: { errors: [{ field: '(request)', message }], warnings: [] } }
  }
}

export const sizeCommand: Command = {
  name: 'size',
  summary: 'position size, exact liquidation price and risk from a JSON request on stdin',
  help: HELP,
  flags: ['json'],
  async run(args, io) {
    const dir = cacheDir(stringOption(args, 'user-data'))
    const refreshVenue = stringOption(args, 'refresh-tiers')
    if (refreshVenue !== undefined) return refresh(refreshVenue, dir, io)
    const json = args.options.has('json')
    const write = (answer: SizeAnswer | SizeErrorAnswer): void =>
      io.stdout(json ? `${JSON.stringify(answer, jsonNumbers, 2)}\n` : formatSizeAnswer(answer))

    const input = await readRequest(io)
    if (!input.ok) {
      write(input.answer)
      return 2
    }
    const parsed = parseSizeRequest(input.data)
    if (!parsed.ok) {
      write({ errors: parsed.errors, warnings: [] })
      return 2
    }
    const caches = readTiersCaches(dir, (venue, err) =>
      io.stderr(`the ${venue} tiers cache is unreadable, so the bundled tiers answer: ${err.message}\n`),
    )
    const answer = calculateSize(
      parsed.request,
      createSizingMarketLookup({ bundled: loadBundledTiers(), caches }),
    )
    write(answer)
    return answer.errors.length > 0 ? 2 : 0
  },
}

/** JSON has no Infinity: a user-given flat tier's open cap is written as null. */
function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value
}
