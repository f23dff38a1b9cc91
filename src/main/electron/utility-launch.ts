import { utilityProcess } from 'electron'
import type { MessagePortMain } from 'electron'
import type { EngineProcessHandle } from '../engine-process/engine-host'
import { exitReason } from '../engine-process/node-launch'

/**
 * Starts the engine entry in Electron's utility process (a Node child Electron supervises, as Actual
 * Budget runs its server); frames travel over its message port with structured clone, and each window's
 * own MessagePort is transferred to it.
 */
export function utilityEngine(entry: string, env: NodeJS.ProcessEnv): () => EngineProcessHandle {
  return () => {
    const child = utilityProcess.fork(entry, [], {
      serviceName: 'Leverage Radar engine',
      env,
      stdio: 'inherit',
    })
    return {
      get pid() {
        return child.pid
      },
      send: (frame) => child.postMessage(frame),
      onFrame: (listener) => void child.on('message', listener),
      // Electron reports a crash as a non-zero code; a signal is not exposed separately.
      onExit: (listener) => void child.once('exit', (code) => listener(exitReason(code, null))),
      kill: () => void child.kill(),
      // A window's own port: its invokes and events bypass this process from then on.
      transferPort: (port) => child.postMessage({ kind: 'window-port' }, [port as MessagePortMain]),
    }
  }
}
