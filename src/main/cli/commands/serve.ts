import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bootEngine } from '../../engine/boot'
import { stopServices } from '../../engine/services'
import { openConfSettings } from '../../engine/settings/conf-settings'
import { defaultUserDataDir } from '../../engine/user-data'
import workerPath from '../../engine/scoring/worker-path'
import { startRadarServer } from '../../server/radar-server'
import { builtRendererDir } from '../../server/renderer-dir'
import { numberOption, stringOption, UsageError } from '../args'
import type { Command } from '../command'

const HELP = `Usage: radar serve [--host 127.0.0.1] [--port 0] [--user-data <dir>] [--session <file> | --sample]
                   [--play] [--diagnostics]

Browser mode: runs the engine and serves the terminal UI over HTTP + WebSocket. Prints the URL to open,
with its per-run token. Binds 127.0.0.1 unless --host says otherwise; requests without the token, or from a
foreign Origin or Host, are refused.

Options:
  --host <addr>       address to bind (default 127.0.0.1)
  --port <n>          port (default 0: any free port)
  --user-data <dir>   settings, logs and sessions folder (default: the app's user-data folder,
                      or $RADAR_USER_DATA)
  --session <file>    open this session file for replay
  --sample            open the bundled recorded sample (Binance BTCUSDT perp + spot, 2023-04-05)
  --play              start the replay playing (default: paused)
  --diagnostics       allow fault simulation (used by the end-to-end tests)
`

/** The built renderer sits beside the built main bundle: out/main -> out/renderer. */
function rendererDir(): string {
  return builtRendererDir(dirname(fileURLToPath(import.meta.url)))
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the engine and serve the UI to a browser (browser mode)',
  help: HELP,
  flags: ['diagnostics', 'sample', 'play'],
  async run(args, io) {
    const port = numberOption(args, 'port') ?? 0
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be 0-65535, got ${port}`)
    const userDataDir = resolve(stringOption(args, 'user-data') ?? defaultUserDataDir())
    const sessionArg = stringOption(args, 'session')
    if (sessionArg && args.options.has('sample')) throw new UsageError('give --session or --sample, not both')
    const { engine, services, handlers, appInfo } = bootEngine({
      userDataDir,
      shell: 'browser',
      workerPath,
      openSettings: openConfSettings,
      diagnostics: args.options.has('diagnostics'),
      echoLogs: true,
    })
    const server = await startRadarServer({
      handlers,
      bus: engine.bus,
      logger: engine.logger,
      staticDir: rendererDir(),
      host: stringOption(args, 'host'),
      port,
    })
    const sessionPath = sessionArg
      ? resolve(sessionArg)
      : args.options.has('sample')
        ? services.library.defaultSamplePath()
        : null
    if (sessionPath) {
      const position = await services.replay.openFile(sessionPath, args.options.has('play'))
      io.stdout(`replaying ${sessionPath} (${new Date(position.startTsMs ?? 0).toISOString()} onward)\n`)
    }
    io.stdout(`Leverage Radar browser mode: ${server.url}\n`)
    io.stdout(`settings ${appInfo.settingsPath} · logs ${appInfo.logPath}\n`)
    await new Promise<void>((done) => {
      const shutdown = (): void => {
        process.off('SIGINT', shutdown)
        process.off('SIGTERM', shutdown)
        stopServices(services)
        void server
          .close()
          .then(() => engine.stop())
          .then(done)
      }
      process.on('SIGINT', shutdown)
      process.on('SIGTERM', shutdown)
    })
    return 0
  },
}
