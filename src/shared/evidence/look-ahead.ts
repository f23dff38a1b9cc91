import type { LookAheadCheck } from '../contract/evidence'
import type { MarketEvent } from '../market-event'
import type { SampledSession } from './series'
import { mulberry32, permutation } from './stats'

/** Fields that say when an event happened; they stay in place while the rest of the event is shuffled. */
const TIME_FIELDS = ['exchangeTsMs', 'receiveTsMs', 'openTsMs', 'fromTsMs', 'toTsMs'] as const

/**
 * The same stream with its future scrambled: events stamped after `cutTsMs` keep their time and market, but
 * their contents (prices, sizes, OI, rates) are shuffled among events of the same market and type, block by
 * block so memory stays bounded. An honest signal at t ≤ cut cannot tell the difference.
 */
export function* shuffleFuture(
  events: Iterable<MarketEvent>,
  cutTsMs: number,
  seed: number,
  blockSize = 4096,
): Generator<MarketEvent> {
  const rand = mulberry32(seed)
  let block: MarketEvent[] = []
  const flush = function* (): Generator<MarketEvent> {
    const groups = new Map<string, number[]>()
    block.forEach((e, i) => {
      const g = `${e.venue}|${e.symbol}|${e.type}|${e.type === 'candle' ? e.priceKind : ''}`
      const list = groups.get(g)
      if (list) list.push(i)
      else groups.set(g, [i])
    })
    const out = block.slice()
    for (const idx of groups.values()) {
      const perm = permutation(idx.length, rand)
      idx.forEach((target, k) => {
        const source = block[idx[perm[k]!]!]!
        const dest = block[target]!
        const copy = { ...source } as Record<string, unknown>
        for (const f of TIME_FIELDS) if (f in dest) copy[f] = (dest as unknown as Record<string, unknown>)[f]
        out[target] = copy as unknown as MarketEvent
      })
    }
    block = []
    yield* out
  }
  for (const e of events) {
    if (e.exchangeTsMs <= cutTsMs) {
      yield e
      continue
    }
    block.push(e)
    if (block.length >= blockSize) yield* flush()
  }
  if (block.length) yield* flush()
}

const same = (a: number, b: number): boolean => (Number.isNaN(a) ? Number.isNaN(b) : a === b)

/**
 * Compares two samplings of one session on every grid time up to the cut: signals (on/off and scores) must be
 * identical. A mismatch means a signal at some time t depended on data stamped after t.
 */
export function compareBeforeCut(
  real: SampledSession,
  scrambled: SampledSession | null,
  cutTsMs: number,
): LookAheadCheck {
  const last = Math.floor((cutTsMs - real.startMs) / real.stepMs)
  let compared = 0
  let mismatches = 0
  let first: string | null = null
  const note = (what: string): void => {
    mismatches++
    first ??= what
  }
  for (const m of real.markets) {
    const s = scrambled?.markets.find((x) => x.market === m.market)
    for (let i = 0; i <= last && i < real.n; i++) {
      compared++
      const t = new Date(real.startMs + i * real.stepMs).toISOString()
      for (const [id, on] of m.binary) {
        if ((s?.binary.get(id)?.[i] ?? 0) !== on[i]) note(`${m.market} ${id} at ${t}`)
      }
      for (const [id, sc] of s?.binary ?? [])
        if (sc[i] && !m.binary.get(id)?.[i]) note(`${m.market} ${id} at ${t}`)
      for (const [id, v] of m.scores) {
        if (!same(v[i]!, s?.scores.get(id)?.[i] ?? NaN)) note(`${m.market} ${id} at ${t}`)
      }
    }
  }
  return {
    cutTsMs,
    samplesCompared: compared,
    mismatches,
    passed: mismatches === 0,
    detail:
      mismatches === 0
        ? `signals at ${compared} sample times up to ${new Date(cutTsMs).toISOString()} were identical with every later event shuffled`
        : `LOOK-AHEAD: ${mismatches} signal values changed when only data after the cut was shuffled (first: ${first})`,
  }
}
