import type { EvidenceSignalInfo } from '../contract/evidence'
import { isMetricId, isNumericMetric, metricInfo } from '../scoring/metric-registry'
import type { MarketSnapshot } from '../scoring/snapshot'

/** Continuous composites scored by AUC and calibration (all 0..100). */
export const SCORE_METRICS: readonly { id: string; name: string }[] = [
  { id: 'lsi', name: 'Leverage Stress Index' },
  { id: 'fragility', name: 'Fragility' },
  { id: 'squeeze-long', name: 'Long squeeze risk' },
  { id: 'squeeze-short', name: 'Short squeeze risk' },
]

/** Contradiction sentences may carry numbers ("LSI 71"); the signal is the sentence without them. */
export function contradictionId(sentence: string): string {
  return `contradiction:${sentence.replace(/-?\d+(\.\d+)?/g, '#')}`
}

/**
 * The signals a snapshot shows: every determined label value (regimes and composite levels), every setup tag,
 * every contradiction, the continuous scores and every other numeric metric (price levels aside). Reads the snapshot only, so it is exactly what the radar
 * showed at that moment.
 */
export function readSignals(
  snap: MarketSnapshot,
  onBinary: (info: EvidenceSignalInfo) => void,
  onScore: (info: EvidenceSignalInfo, value: number) => void,
): void {
  for (const [label, value] of Object.entries(snap.labels)) {
    if (value === null) continue
    onBinary({ id: `label:${label}=${value}`, kind: 'label', name: `${label}: ${value}` })
  }
  for (const tag of snap.tags) onBinary({ id: `tag:${tag}`, kind: 'tag', name: tag })
  for (const c of snap.contradictions) {
    const id = contradictionId(c)
    onBinary({ id, kind: 'contradiction', name: id.slice('contradiction:'.length) })
  }
  for (const s of SCORE_METRICS) {
    const v = s.id === 'lsi' ? snap.stress : (snap.metrics[s.id]?.value ?? null)
    if (v !== null && Number.isFinite(v)) onScore({ id: `score:${s.id}`, kind: 'score', name: s.name }, v)
  }
  for (const [id, metric] of Object.entries(snap.metrics)) {
    const v = metric.value
    if (v === null || !Number.isFinite(v) || SCORE_IDS.has(id) || !rankable(id)) continue
    onScore({ id: `metric:${id}`, kind: 'metric', name: metricInfo(id).name }, v)
  }
}

const SCORE_IDS = new Set(SCORE_METRICS.map((s) => s.id))

/** A metric whose rank can say something about what follows: numbers, not price levels. */
function rankable(id: string): boolean {
  return isMetricId(id) && isNumericMetric(id) && metricInfo(id).format !== 'price'
}
