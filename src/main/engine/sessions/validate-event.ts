import type { MarketEvent, MarketEventType } from '../../../shared/market-event'
import { VENUE_IDS } from '../../../shared/market-event'

/**
 * Checks an event decoded from a session file before it reaches scoring. A file can be hand-edited or
 * written by a buggy importer; a malformed event is reported and dropped, never passed on.
 * Hand-written rather than zod because it runs on every replayed event.
 */
type FieldKind = 'num' | 'num?' | 'str' | 'strs' | 'bool' | 'levels' | 'enum'
interface FieldSpec {
  name: string
  kind: FieldKind
  values?: readonly string[]
}

const f = (name: string, kind: FieldKind, values?: readonly string[]): FieldSpec => ({ name, kind, values })

const FIELDS: Record<MarketEventType, FieldSpec[]> = {
  trade: [
    f('price', 'num'),
    f('qtyBase', 'num'),
    f('takerSide', 'enum', ['buy', 'sell']),
    f('tradeId', 'str'),
  ],
  book: [f('bids', 'levels'), f('asks', 'levels'), f('sequence', 'num?')],
  mark: [f('markPrice', 'num'), f('indexPrice', 'num?')],
  funding: [
    f('fundingRatePerPeriod', 'num'),
    f('fundingIntervalHours', 'num'),
    f('nextFundingTsMs', 'num?'),
    f('predictedRatePerPeriod', 'num?'),
    f('settled', 'bool'),
  ],
  openInterest: [f('oiContracts', 'num?'), f('oiBase', 'num?'), f('oiUsd', 'num?')],
  longShort: [
    f('kind', 'enum', ['globalAccounts', 'topAccounts', 'topPositions']),
    f('ratio', 'num'),
    f('longShare', 'num?'),
    f('shortShare', 'num?'),
    f('periodMinutes', 'num'),
  ],
  takerVolume: [f('buyVolBase', 'num?'), f('sellVolBase', 'num?'), f('periodMinutes', 'num')],
  liquidation: [
    f('positionSide', 'enum', ['long', 'short']),
    f('price', 'num'),
    f('qtyBase', 'num'),
    f('usd', 'num'),
  ],
  liquidationBar: [
    f('openTsMs', 'num'),
    f('intervalSec', 'num'),
    f('longUsd', 'num'),
    f('shortUsd', 'num'),
    f('coveredVenues', 'strs'),
  ],
  candle: [
    f('priceKind', 'enum', ['last', 'mark', 'index', 'premium']),
    f('intervalSec', 'num'),
    f('openTsMs', 'num'),
    f('open', 'num'),
    f('high', 'num'),
    f('low', 'num'),
    f('close', 'num'),
    f('volumeBase', 'num?'),
    f('volumeUsd', 'num?'),
  ],
  quote: [f('bid', 'num'), f('bidQtyBase', 'num'), f('ask', 'num'), f('askQtyBase', 'num')],
  gap: [
    f('stream', 'str'),
    f('fromTsMs', 'num'),
    f('toTsMs', 'num'),
    f('reason', 'str'),
    f('backfilled', 'bool'),
  ],
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function checkField(o: Record<string, unknown>, spec: FieldSpec): string | null {
  const v = o[spec.name]
  switch (spec.kind) {
    case 'num':
      return isNum(v) ? null : `${spec.name} must be a finite number`
    case 'num?':
      return v === null || isNum(v) ? null : `${spec.name} must be a finite number or null`
    case 'str':
      return typeof v === 'string' ? null : `${spec.name} must be a string`
    case 'strs':
      return Array.isArray(v) && v.every((x) => typeof x === 'string')
        ? null
        : `${spec.name} must be an array of strings`
    case 'bool':
      return typeof v === 'boolean' ? null : `${spec.name} must be true or false`
    case 'enum':
      return typeof v === 'string' && spec.values?.includes(v)
        ? null
        : `${spec.name} must be one of ${spec.values?.join(', ')}`
    case 'levels':
      if (!Array.isArray(v)) return `${spec.name} must be an array of [price, qty]`
      for (const l of v) {
        if (!Array.isArray(l) || l.length !== 2 || !isNum(l[0]) || !isNum(l[1])) {
          return `${spec.name} holds a level that is not [price, qty]`
        }
      }
      return null
  }
}

/** Returns null for a well-formed event, otherwise why it is not one. */
export function validateEvent(v: unknown): string | null {
  if (typeof v !== 'object' || v === null) return 'event is not an object'
  const o = v as Record<string, unknown>
  const specs = typeof o.type === 'string' ? FIELDS[o.type as MarketEventType] : undefined
  if (!specs) return `unknown event type ${JSON.stringify(o.type)}`
  if (!VENUE_IDS.includes(o.venue as MarketEvent['venue'])) return `unknown venue ${JSON.stringify(o.venue)}`
  if (typeof o.symbol !== 'string' || o.symbol === '') return 'symbol must be a non-empty string'
  if (!isNum(o.exchangeTsMs)) return 'exchangeTsMs must be a finite number'
  if (!isNum(o.receiveTsMs)) return 'receiveTsMs must be a finite number'
  for (const spec of specs) {
    const problem = checkField(o, spec)
    if (problem) return `${o.type}: ${problem}`
  }
  return null
}
