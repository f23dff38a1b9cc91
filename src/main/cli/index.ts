import { isMainThread } from 'node:worker_threads'
import { commands } from './commands/index'
import { exitQuietlyOnClosedPipe, processIo, routeConsoleToStderr } from './process-io'
import { runCli } from './run-cli'
import { stopSignalFromSupervisor, superviseInWorker } from './stop-signals'

/**
 * Entry of the `radar` command in plain Node (bin/radar.js loads the built copy of this file). Long commands
 * run this same file again in a worker thread, so that the main thread stays free to answer Ctrl-C.
 */
routeConsoleToStderr()
exitQuietlyOnClosedPipe()
const argv = process.argv.slice(2)
const entry = commands.find((c) => c.name === argv[0])
if (isMainThread && entry?.stopsOnSignal) {
  process.exitCode = await superviseInWorker(new URL(import.meta.url), argv, {
    say: (t) => void process.stderr.write(`radar ${entry.name}: ${t}`),
  })
} else {
  process.exitCode = await runCli(argv, commands, processIo(stopSignalFromSupervisor()))
}
