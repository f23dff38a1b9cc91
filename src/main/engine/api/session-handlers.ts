import type { InvokeRequest } from '../../../shared/api'
import type { EngineServices } from '../services'

export function sessionHandlers(s: EngineServices) {
  return {
    listSessions: () => s.library.list(),
    openSession: ({ path, autoPlay }: InvokeRequest<'openSession'>) => s.replay.open(path, autoPlay ?? false),
    closeSession: async () => {
      await s.replay.close()
      return { closed: true as const }
    },
    replayControl: (cmd: InvokeRequest<'replayControl'>) => s.replay.control(cmd),
    getReplayPosition: () => s.replay.position(),
    deleteSession: ({ path }: InvokeRequest<'deleteSession'>) => {
      if (s.replay.sessionPath === path) throw new Error('close this session before deleting it')
      s.library.delete(path)
      return { deleted: true as const }
    },
    startImport: (req: InvokeRequest<'startImport'>) => s.imports.start(req),
    cancelImport: ({ jobId }: InvokeRequest<'cancelImport'>) => s.imports.cancel(jobId),
    startRecording: () => s.recorder.start(),
    stopRecording: () => s.recorder.stop(),
  }
}
