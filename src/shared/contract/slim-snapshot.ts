import type { Metric, MarketSnapshot } from '../scoring/snapshot'

/**
 * The metrics a radar row reads (its cells, their tooltips and its sort keys): a tier-1 market's snapshot
 * always carries these, with their reasons when missing, so its row renders exactly as a full snapshot's.
 */
export const RADAR_ROW_METRICS: readonly string[] = [
  'lsi',
  'lsi-p-long-4h',
  'lsi-p-short-4h',
  'price-change-24h',
  'volume-24h-usd',
  'funding-rate',
  'funding-interval',
  'funding-rate-per-hour',
  'funding-apr',
  'oi-usd',
  'oi-roc-24h',
  'ls-global',
  'vpin',
  'basis-bps',
  'liq-prox-above-price',
  'liq-prox-below-price',
]

const ROW = new Set(RADAR_ROW_METRICS)

/** A metric worth sending beyond the row's own: it has a value, or a composite's value over partial inputs. */
const carries = (m: Metric): boolean => m.value !== null || (m.coverage?.partialValue ?? null) !== null

/**
 * A tier-1 market's snapshot as the window needs it: the same type, with the row's metrics and every metric
 * that has a value, and without the rest (a market scored from its venue's tickers lacks most inputs, and a
 * full snapshot is mostly their reasons: ~11.6 KiB of JSON against ~2 KiB). Whatever is left out was n/a.
 */
export function slimSnapshot(s: MarketSnapshot): MarketSnapshot {
  const metrics: Record<string, Metric> = {}
  for (const id in s.metrics) {
    const m = s.metrics[id]!
    if (ROW.has(id) || carries(m)) metrics[id] = m
  }
  return { ...s, metrics }
}
