import type { SessionSummary } from '../../../shared/contract/sessions'
import type { EvidenceProgress, EvidenceReport, RunEvidenceRequest } from '../../../shared/contract/evidence'

/** The part of the engine API the Evidence screen uses (channels defined in shared/contract/evidence.ts). */
export interface EvidenceApi {
  listSessions: () => Promise<SessionSummary[]>
  runEvidence: (req: RunEvidenceRequest) => Promise<EvidenceReport>
  cancelEvidence: (req: { runId: string }) => Promise<{ cancelled: boolean }>
  onEvidenceProgress: (listener: (p: EvidenceProgress) => void) => () => void
}

/** The engine's API when it offers the Evidence channels, else null (an engine built without them). */
export function evidenceApi(api: object): EvidenceApi | null {
  const a = api as Partial<EvidenceApi>
  return typeof a.runEvidence === 'function' &&
    typeof a.cancelEvidence === 'function' &&
    typeof a.onEvidenceProgress === 'function' &&
    typeof a.listSessions === 'function'
    ? (a as EvidenceApi)
    : null
}
