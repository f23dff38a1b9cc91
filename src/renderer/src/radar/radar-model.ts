import type { MarketSnapshot } from '../../../shared/scoring/snapshot'

/** One radar row: the snapshot plus the figures derived for display and sorting. */
export interface RadarRow {
  snap: MarketSnapshot
  /** Signed distance to the nearest estimated cluster, percent of the last price; null while unknown. */
  clusterDistancePct: number | null
  clusterSide: 'above' | 'below' | null
  /** Age of the newest event on the engine clock, ms. */
  ageMs: number | null
  /** The spot market of the same pair on the perp's venue family, shown beside the basis; null if none. */
  spot: MarketSnapshot | null
}

/** A perpetual or dated future has a settle currency after ':' (BTC/USDT:USDT); spot has none. */
export function isSpot(s: MarketSnapshot): boolean {
  return !s.symbol.includes(':')
}

/** Spot snapshots by pair ("BTC/USDT"), for their perps' basis cells. */
export function spotByPair(all: readonly MarketSnapshot[]): Map<string, MarketSnapshot> {
  return new Map(all.filter(isSpot).map((s) => [s.symbol, s]))
}

export type SortKey =
  | 'stress'
  | 'market'
  | 'price'
  | 'change24h'
  | 'funding'
  | 'oiUsd'
  | 'oi'
  | 'ls'
  | 'vpin'
  | 'basis'
  | 'cluster'
  | 'setup'
  | 'age'

export interface SortState {
  key: SortKey
  dir: 'asc' | 'desc'
}

const v = (s: MarketSnapshot, id: string): number | null => s.metrics[id]?.value ?? null

/**
 * The nearer of the clusters above and below the reference price: the mark, else the last price (the one
 * price the heatmap panel, scenarios and CLI measure from, so a cluster shows the same distance everywhere).
 */
export function nearestCluster(s: MarketSnapshot): Pick<RadarRow, 'clusterDistancePct' | 'clusterSide'> {
  const price = s.markPrice ?? s.lastPrice
  const above = v(s, 'liq-prox-above-price')
  const below = v(s, 'liq-prox-below-price')
  if (price === null || price <= 0) return { clusterDistancePct: null, clusterSide: null }
  const up = above === null ? null : ((above - price) / price) * 100
  const down = below === null ? null : ((below - price) / price) * 100
  if (up === null && down === null) return { clusterDistancePct: null, clusterSide: null }
  if (down === null || (up !== null && Math.abs(up) <= Math.abs(down)))
    return { clusterDistancePct: up, clusterSide: 'above' }
  return { clusterDistancePct: down, clusterSide: 'below' }
}

export function toRadarRow(
  s: MarketSnapshot,
  clockMs: number | null,
  spots: ReadonlyMap<string, MarketSnapshot> = new Map(),
): RadarRow {
  return {
    snap: s,
    ...nearestCluster(s),
    ageMs: clockMs === null || s.asOfMs === null ? null : Math.max(0, clockMs - s.asOfMs),
    spot: spots.get(s.symbol.split(':')[0]!) ?? null,
  }
}

/**
 * When the setup tag and the stress index tell different stories, says why in a sentence; null when they
 * agree. The tag fits a named pattern of a few signals; the index blends all four components.
 */
export function tagIndexNote(s: MarketSnapshot): string | null {
  const tag = s.tags[0]
  if (tag && s.stress !== null && s.stress < 35)
    return `“${tag}” fits a pattern of a few signals, while the stress index (${s.stress.toFixed(0)}, low) weighs funding, OI build-up, liquidation proximity and volatility together, and most of them are calm.`
  if (!tag && s.stress !== null && s.stress >= 65)
    return `The stress index is high (${s.stress.toFixed(0)}) but no named setup fits: the stress comes from its components (funding, OI, liquidations, volatility), not from a recognised pattern.`
  return null
}

const VPIN_RANK: Record<string, number> = { low: 0, medium: 1, high: 2 }

function sortValue(r: RadarRow, key: SortKey): number | string | null {
  const s = r.snap
  switch (key) {
    case 'stress':
      return s.stress
    case 'market':
      return `${s.symbol} ${s.venue}`
    case 'price':
      return s.lastPrice
    case 'change24h':
      return v(s, 'price-change-24h')
    case 'funding':
      // Per hour, so markets with 1 h, 4 h and 8 h intervals compare fairly.
      return v(s, 'funding-rate-per-hour')
    case 'oiUsd':
      return v(s, 'oi-usd')
    case 'oi':
      return v(s, 'oi-roc-24h')
    case 'ls':
      return v(s, 'ls-global')
    case 'vpin':
      return s.labels['vpin-level'] ? (VPIN_RANK[s.labels['vpin-level']] ?? null) : v(s, 'vpin')
    case 'basis':
      return v(s, 'basis-bps')
    case 'cluster':
      return r.clusterDistancePct === null ? null : Math.abs(r.clusterDistancePct)
    case 'setup':
      return s.tags[0] ?? null
    case 'age':
      return r.ageMs
  }
}

/** The collator `localeCompare` uses without arguments, built once: a thousand rows make ~13,000 comparisons. */
const collator = new Intl.Collator()

/** Sorts with missing values always last, whatever the direction; ties fall back to the market name. */
export function sortRows(rows: RadarRow[], sort: SortState): RadarRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1
  // Each row's sort value is read once, not twice per comparison.
  const keyed = rows.map((row) => ({ row, value: sortValue(row, sort.key) }))
  keyed.sort((a, b) => {
    const x = a.value
    const y = b.value
    if (x === null && y === null) return collator.compare(a.row.snap.key, b.row.snap.key)
    if (x === null) return 1
    if (y === null) return -1
    const c = typeof x === 'string' || typeof y === 'string' ? collator.compare(String(x), String(y)) : x - y
    return c !== 0 ? sign * c : collator.compare(a.row.snap.key, b.row.snap.key)
  })
  return keyed.map((k) => k.row)
}

/** Case-insensitive match on symbol, venue, setup tags and regime labels; "btc binance" needs both words. */
export function matchesFilter(s: MarketSnapshot, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const hay = [s.symbol, s.venue, ...s.tags, ...Object.values(s.labels).filter(Boolean)]
    .join(' ')
    .toLowerCase()
  return words.every((w) => hay.includes(w))
}
