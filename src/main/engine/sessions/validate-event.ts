import type { MarketEventType } from '../../../shared/market-event'
import { VENUE_IDS } from '../../../shared/market-event'

/**
 * Checks an event decoded from a session file before it reaches scoring. A file can be hand-edited, crafted
 * or written by a buggy importer; a malformed event is reported and dropped, never passed on. Types are
 * checked and numbers must lie in their domain (a price of 0 or 1e308, a time in 1970 or in the year 3000
 * would abort or stall replay further on). Hand-written rather than zod because it runs on every replayed
 * event.
 */

/** Exchange and receive times must fall in this window: no perp venue predates 2009, none is stamped after 2100. */
export const MIN_EVENT_TS_MS = Date.UTC(2009, 0, 1)
export const MAX_EVENT_TS_MS = Date.UTC(2100, 0, 1)
/** No price, size or notional a venue publishes comes near this; larger values are corrupt, not markets. */
const MAX_MAGNITUDE = 1e15

/**
 * `pos`: > 0; `nonneg`: ≥ 0; `any`: any finite value (rates, premiums); `ts`: a time in the window;
 * `frac`: 0..1; trailing `?` allows null (missing, never zero).
 */
type NumKind = 'pos' | 'nonneg' | 'any' | 'ts' | 'frac'
type FieldKind = NumKind | `${NumKind}?` | 'str' | 'strs' | 'bool' | 'levels' | 'enum'
interface FieldSpec {
  name: string
  kind: FieldKind
  values?: readonly string[]
}

const f = (name: string, kind: FieldKind, values?: readonly string[]): FieldSpec => ({ name, kind, values })

/** Allowlist of event types: looked up with `Object.hasOwn`, so `constructor` or `__proto__` are not types. */
export const EVENT_FIELDS: Readonly<Record<MarketEventType, readonly FieldSpec[]>> = {
  trade: [
    f('price', 'pos'),
    f('qtyBase', 'pos'),
    f('takerSide', 'enum', ['buy', 'sell']),
    f('tradeId', 'str'),
  ],
  book: [f('bids', 'levels'), f('asks', 'levels'), f('sequence', 'any?')],
  mark: [f('markPrice', 'pos'), f('indexPrice', 'pos?')],
  funding: [
    f('fundingRatePerPeriod', 'any'),
    f('fundingIntervalHours', 'pos'),
    f('nextFundingTsMs', 'ts?'),
    f('predictedRatePerPeriod', 'any?'),
    f('settled', 'bool'),
  ],
  openInterest: [f('oiContracts', 'nonneg?'), f('oiBase', 'nonneg?'), f('oiUsd', 'nonneg?')],
  longShort: [
    f('kind', 'enum', ['globalAccounts', 'topAccounts', 'topPositions']),
    f('ratio', 'nonneg'),
    f('longShare', 'frac?'),
    f('shortShare', 'frac?'),
    f('periodMinutes', 'pos'),
  ],
  takerVolume: [f('buyVolBase', 'nonneg?'), f('sellVolBase', 'nonneg?'), f('periodMinutes', 'pos')],
  liquidation: [
    f('positionSide', 'enum', ['long', 'short']),
    f('price', 'pos'),
    f('qtyBase', 'pos'),
    f('usd', 'pos'),
  ],
  liquidationBar: [
    f('openTsMs', 'ts'),
    f('intervalSec', 'pos'),
    f('longUsd', 'nonneg'),
    f('shortUsd', 'nonneg'),
    f('coveredVenues', 'strs'),
  ],
  candle: [
    f('priceKind', 'enum', ['last', 'mark', 'index', 'premium']),
    f('intervalSec', 'pos'),
    f('openTsMs', 'ts'),
    // Premium-index candles go negative; the others are checked as prices below.
    f('open', 'any'),
    f('high', 'any'),
    f('low', 'any'),
    f('close', 'any'),
    f('volumeBase', 'nonneg?'),
    f('volumeUsd', 'nonneg?'),
  ],
  quote: [f('bid', 'pos'), f('bidQtyBase', 'nonneg'), f('ask', 'pos'), f('askQtyBase', 'nonneg')],
  gap: [
    f('stream', 'str'),
    f('fromTsMs', 'ts'),
    f('toTsMs', 'ts'),
    f('reason', 'str'),
    f('backfilled', 'bool'),
  ],
}

const VENUES = new Set<string>(VENUE_IDS)

export const EVENT_TYPES = Object.keys(EVENT_FIELDS) as MarketEventType[]

export function isEventType(v: unknown): v is MarketEventType {
  return typeof v === 'string' && Object.hasOwn(EVENT_FIELDS, v)
}

const isNum = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < MAX_MAGNITUDE

function numProblem(name: string, kind: NumKind, v: number): string | null {
  switch (kind) {
    case 'pos':
      return v > 0 ? null : `${name} must be greater than 0 (got ${v})`
    case 'nonneg':
      return v >= 0 ? null : `${name} must not be negative (got ${v})`
    case 'frac':
      return v >= 0 && v <= 1 ? null : `${name} must lie between 0 and 1 (got ${v})`
    case 'ts':
      return tsProblem(name, v)
    case 'any':
      return null
  }
}

function tsProblem(name: string, v: unknown): string | null {
  if (typeof v === 'number' && v >= MIN_EVENT_TS_MS && v < MAX_EVENT_TS_MS) return null
  if (typeof v !== 'number' || !Number.isFinite(v)) return `${name} must be a finite number`
  return `${name} ${v} is outside 2009–2100 (not a time in milliseconds)`
}

export type Check = (v: unknown) => string | null

/** Each field's check is built once from its spec: validation runs per replayed event, so no string work. */
function compile(spec: FieldSpec): Check {
  const name = spec.name
  switch (spec.kind) {
    case 'str':
      return (v) => (typeof v === 'string' ? null : `${name} must be a string`)
    case 'strs':
      return (v) =>
        Array.isArray(v) && v.length <= 64 && v.every((x) => typeof x === 'string')
          ? null
          : `${name} must be an array of strings`
    case 'bool':
      return (v) => (typeof v === 'boolean' ? null : `${name} must be true or false`)
    case 'enum': {
      const values = spec.values ?? []
      return (v) =>
        typeof v === 'string' && values.includes(v) ? null : `${name} must be one of ${values.join(', ')}`
    }
    case 'levels':
      return (v) => {
        if (!Array.isArray(v)) return `${name} must be an array of [price, qty]`
        for (const l of v) {
          if (!Array.isArray(l) || l.length !== 2 || !isNum(l[0]) || !isNum(l[1])) {
            return `${name} holds a level that is not [price, qty]`
          }
          if (l[0] <= 0 || l[1] < 0) return `${name} holds a level with a price ≤ 0 or a negative size`
        }
        return null
      }
    default: {
      const optional = spec.kind.endsWith('?')
      const kind = spec.kind.replace('?', '') as NumKind
      return (v) => {
        if (optional && v === null) return null
        if (!isNum(v)) return `${name} must be a finite number${optional ? ' or null' : ''}`
        return kind === 'any' ? null : numProblem(name, kind, v)
      }
    }
  }
}

const CHECKS = new Map<string, { names: string[]; checks: Check[] }>(
  Object.entries(EVENT_FIELDS).map(([t, specs]) => [
    t,
    { names: specs.map((s) => s.name), checks: specs.map(compile) },
  ]),
)

/** Kinds with cross-field rules: a column-wise check cannot stand in for `validateEvent` on them. */
export const CROSS_CHECKED_TYPES: ReadonlySet<string> = new Set(['candle', 'gap', 'funding'])

/**
 * The check of one field (or of `venue`, `symbol`, `exchangeTsMs`, `receiveTsMs`), for column-wise
 * validation. Every numeric check accepts an interval, so a column whose minimum and maximum pass holds only
 * passing values.
 */
export function fieldCheck(type: MarketEventType, name: string): Check {
  if (name === 'venue') return (v) => (VENUES.has(v as string) ? null : `unknown venue ${JSON.stringify(v)}`)
  if (name === 'symbol')
    return (v) => (typeof v === 'string' && v !== '' ? null : 'symbol must be a non-empty string')
  if (name === 'exchangeTsMs' || name === 'receiveTsMs') return (v) => tsProblem(name, v)
  const c = CHECKS.get(type)!
  return c.checks[c.names.indexOf(name)]!
}

/** Cross-field rules the per-field specs cannot state. */
function crossProblem(o: Record<string, unknown>): string | null {
  if (o.type === 'candle' && o.priceKind !== 'premium') {
    for (const k of ['open', 'high', 'low', 'close']) {
      if ((o[k] as number) <= 0) return `candle: ${k} must be greater than 0 (got ${o[k] as number})`
    }
  }
  // No venue caps funding anywhere near 100 % per period; beyond it the number is corrupt.
  if (o.type === 'funding' && Math.abs(o.fundingRatePerPeriod as number) >= 1)
    return `funding: fundingRatePerPeriod ${o.fundingRatePerPeriod as number} is beyond ±1 per period`
  if (o.type === 'gap' && (o.fromTsMs as number) > (o.toTsMs as number))
    return 'gap: fromTsMs is after toTsMs'
  return null
}

/** Returns null for a well-formed event, otherwise why it is not one. */
export function validateEvent(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'event is not an object'
  const o = v as Record<string, unknown>
  if (!isEventType(o.type)) return `unknown event type ${JSON.stringify(o.type) ?? typeof o.type}`
  const c = CHECKS.get(o.type)!
  if (!VENUES.has(o.venue as string)) return `unknown venue ${JSON.stringify(o.venue)}`
  if (typeof o.symbol !== 'string' || o.symbol === '') return 'symbol must be a non-empty string'
  const ts = tsProblem('exchangeTsMs', o.exchangeTsMs) ?? tsProblem('receiveTsMs', o.receiveTsMs)
  if (ts) return ts
  for (let i = 0; i < c.checks.length; i++) {
    const problem = c.checks[i]!(o[c.names[i]!])
    if (problem) return `${o.type}: ${problem}`
  }
  return crossProblem(o)
}
