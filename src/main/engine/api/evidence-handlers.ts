import type { InvokeRequest } from '../../../shared/api'
import type { EngineServices } from '../services'

export function evidenceHandlers({ evidence, library }: EngineServices) {
  return {
    // Only sessions the library lists can be read: the renderer never names an arbitrary file.
    runEvidence: (req: InvokeRequest<'runEvidence'>) =>
      evidence.run({ ...req, paths: req.paths.map((p) => library.resolveListed(p).path) }),
    cancelEvidence: ({ runId }: InvokeRequest<'cancelEvidence'>) => evidence.cancel(runId),
  }
}
