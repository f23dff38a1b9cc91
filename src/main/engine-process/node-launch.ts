import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EngineProcessHandle } from './engine-host'
import type { ToEngine } from './protocol'

/**
 * The built engine entry beside the built CLI and desktop entries (out/main/engine-process.js); this module
 * may itself sit in out/main or in out/main/chunks.
 */
export function builtEngineEntry(from = dirname(fileURLToPath(import.meta.url))): string {
  const candidates = [join(from, 'engine-process.js'), join(from, '..', 'engine-process.js')]
  const found = candidates.find((c) => existsSync(c))
  if (!found)
    throw new Error(
      `the engine entry is not built (looked for ${candidates.join(', ')}); run "npm run build"`,
    )
  return found
}

export function exitReason(code: number | null, signal: NodeJS.Signals | string | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code ?? 'unknown'}`
}

/**
 * Starts the engine entry with `child_process.fork` (browser mode, tests). Structured-clone serialization,
 * as Electron's utilityProcess uses, so both hosts carry the same values.
 */
export function forkEngine(
  entry: string,
  opts: { silent?: boolean; execArgv?: string[] } = {},
): () => EngineProcessHandle {
  return () => {
    const child = fork(entry, [], {
      serialization: 'advanced',
      stdio: opts.silent ? ['ignore', 'ignore', 'pipe', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: opts.execArgv ?? [],
    })
    // Kept for a test or a bug report: a crash's own words (heap OOM, an uncaught error) go to stderr.
    child.stderr?.resume()
    // A failed send or spawn surfaces as the exit the host already handles; an unheard 'error' would crash it.
    child.on('error', () => {})
    return {
      get pid() {
        return child.pid
      },
      send: (frame: ToEngine) => {
        if (child.connected) child.send(frame, undefined, undefined, () => {})
      },
      onFrame: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.once('exit', (code, signal) => listener(exitReason(code, signal))),
      kill: () => void child.kill('SIGKILL'),
    }
  }
}
