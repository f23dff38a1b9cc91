import type { BootedEngine } from '../engine/boot'
import type { Resume } from './protocol'

/**
 * Takes up what a previous engine process had, or the session `radar serve --session` names. The session
 * path comes from the host (the previous engine opened it, or the user named it on the command line), so
 * it opens like `serve --session` does, not only from the library. Returns what failed, one line each.
 */
export async function applyResume({ engine, services }: BootedEngine, resume: Resume): Promise<string[]> {
  const lost: string[] = []
  const attempt = async (what: string, step: () => Promise<unknown> | unknown): Promise<void> => {
    try {
      await step()
    } catch (err) {
      lost.push(`${what}: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
  const session = resume.session
  if (resume.live) await attempt('live data', () => services.live.start())
  else if (session) {
    await attempt(`session ${session.path}`, async () => {
      const seek = session.tsMs
      await services.replay.openFile(session.path, session.playing && seek === null)
      if (seek !== null) services.replay.control({ action: 'seek', tsMs: seek })
      services.replay.control({ action: 'speed', speed: session.speed })
      if (session.playing && seek !== null) services.replay.control({ action: 'play' })
    })
  }
  const key = resume.watchedKey
  if (key !== null) await attempt(`series of ${key}`, () => engine.watchSeries(key))
  // The file being written was cut short by the crash (its reader marks it so); recording goes on in a new one.
  if (resume.recording) await attempt('recording', () => services.recorder.start())
  return lost
}
