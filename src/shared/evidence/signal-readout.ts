import type { EvidenceSignalInfo } from '../contract/evidence'
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
 * every contradiction, and the continuous scores. Reads the snapshot only, so it is exactly what the radar
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
}
