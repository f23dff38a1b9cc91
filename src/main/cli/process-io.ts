import { Console } from 'node:console'
import type { CommandIo } from './command'

/**
 * Standard output carries only what a command prints (pure JSON with --json). Libraries that log with
 * `console.log` (ccxt prints WebSocket parse errors and their stacks that way) are sent to stderr instead.
 */
export function routeConsoleToStderr(): void {
  const toStderr = new Console({ stdout: process.stderr, stderr: process.stderr })
  console.log = toStderr.log.bind(toStderr)
  console.info = toStderr.info.bind(toStderr)
  console.debug = toStderr.debug.bind(toStderr)
  console.dir = toStderr.dir.bind(toStderr)
  console.table = toStderr.table.bind(toStderr)
}

/**
 * `radar replay | head` closes the pipe early: that is the reader saying it has enough, not an error, so the
 * process ends quietly instead of dumping an EPIPE stack.
 */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0)
      throw err
    })
  }
}

export function processIo(stopSignal?: AbortSignal): CommandIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    },
    stopSignal,
  }
}
