import { parentPort, Worker } from 'node:worker_threads'

const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const
type StopSignalName = keyof typeof SIGNAL_NUMBERS

interface StopMessage {
  stop: StopSignalName
}

export interface SuperviseOptions {
  /** Told once, on the first signal. */
  say: (text: string) => void
  /** How long the command may take to wind down after the first signal before the process exits anyway. */
  graceMs?: number
  /** Where SIGINT/SIGTERM arrive (the process; tests pass an emitter). */
  signals?: NodeJS.EventEmitter
  /** Ends the process (tests record the code instead). */
  exit?: (code: number) => void
}

/**
 * Runs a long command in a worker thread so that SIGINT/SIGTERM stop it within a second however busy it is:
 * signals reach only the main thread's event loop, which here stays idle, while a command's synchronous loop
 * (a max-speed replay, an export) would hold its own thread for seconds. The first signal asks the command to
 * stop (its `io.stopSignal`); if it has not ended after `graceMs`, or on a second signal, the process exits
 * with 128 + the signal number, as a shell expects of an interrupted program. The worker's stdout and stderr
 * are the process's own. Resolves to the command's exit code.
 */
export function superviseInWorker(
  entry: URL,
  argv: readonly string[],
  opts: SuperviseOptions,
): Promise<number> {
  const graceMs = opts.graceMs ?? 500
  const signals = opts.signals ?? process
  const exit = opts.exit ?? ((code: number) => process.exit(code))
  return new Promise((resolve) => {
    const worker = new Worker(entry, { argv: [...argv] })
    let received: StopSignalName | null = null
    let timer: NodeJS.Timeout | null = null
    const stopNow = (code: number): void => {
      void worker.terminate()
      exit(code)
    }
    const onSignal = (name: StopSignalName): void => {
      const code = 128 + SIGNAL_NUMBERS[name]
      if (received !== null) return stopNow(code)
      received = name
      opts.say(`stopping on ${name}\n`)
      worker.postMessage({ stop: name } satisfies StopMessage)
      timer = setTimeout(() => stopNow(code), graceMs)
    }
    const onInt = (): void => onSignal('SIGINT')
    const onTerm = (): void => onSignal('SIGTERM')
    signals.on('SIGINT', onInt)
    signals.on('SIGTERM', onTerm)
    let failed = false
    worker.on('error', (err) => {
      failed = true
      opts.say(`${err.message}\n`)
    })
    worker.on('exit', (code) => {
      signals.off('SIGINT', onInt)
      signals.off('SIGTERM', onTerm)
      if (timer) clearTimeout(timer)
      resolve(received !== null ? 128 + SIGNAL_NUMBERS[received] : failed ? 1 : code)
    })
  })
}

/** Inside the command's worker: aborted when the supervising thread relays a stop signal. */
export function stopSignalFromSupervisor(): AbortSignal | undefined {
  if (!parentPort) return undefined
  const controller = new AbortController()
  parentPort.on('message', (msg: Partial<StopMessage>) => {
    if (msg.stop) controller.abort(new Error(`stopped by ${msg.stop}`))
  })
  // Listening must not keep the command's thread alive once its work is done.
  parentPort.unref()
  return controller.signal
}
