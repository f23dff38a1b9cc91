import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findResourcesDir } from '../../engine/sizing/bundled-tiers'
import { DEFAULT_SAMPLE_FILE } from '../../engine/control/session-library'
import { defaultUserDataDir } from '../../engine/user-data'
import { createFileLogger } from '../../engine/logging/logger'
import { EngineHost } from '../../engine-process/engine-host'
import { builtEngineEntry, forkEngine } from '../../engine-process/node-launch'
import { startRadarServer } from '../../server/radar-server'
import { builtRendererDir } from '../../server/renderer-dir'
import { numberOption, stringOption, UsageError } from '../args'
import type { Command } from '../command'
import { VPIN_OPTIONS_HELP, vpinOverrides } from '../vpin-options'

const HELP = `Usage: radar serve [--host 127.0.0.1] [--port 0] [--user-data <dir>]
                   [--session <file> | --sample | --offline] [--play] [--diagnostics]

Browser mode: runs the engine (in its own process) and serves the terminal UI over HTTP + WebSocket. Prints
the URL to open, with its per-run token. Binds 127.0.0.1 unless --host says otherwise; requests without the token, or from a
foreign Origin or Host, are refused.

Without --session, --sample or --offline it goes live by itself when an enabled venue (Settings → Venues,
with the watchlist's markets) answers a probe; when none does, it says so in one line and opens the recorded
futures-metrics week sample played to its end. RADAR_LAUNCH=idle starts with no data source.

Options:
  --host <addr>       address to bind (default 127.0.0.1)
  --port <n>          port (default 0: any free port)
  --user-data <dir>   settings, logs and sessions folder (default: the app's user-data folder,
                      or $RADAR_USER_DATA)
  --session <file>    open this session file for replay
  --sample            open the bundled recorded sample (Binance BTCUSDT perp + spot, 2023-04-05)
  --offline           skip the venue probe: open the futures-metrics week sample played to its end
  --play              start the replay playing (default: paused)
  --diagnostics       allow fault simulation (used by the end-to-end tests)
${VPIN_OPTIONS_HELP}
`

/** The built renderer sits beside the built main bundle: out/main -> out/renderer. */
function rendererDir(): string {
  return builtRendererDir(dirname(fileURLToPath(import.meta.url)))
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the engine and serve the UI to a browser (browser mode)',
  help: HELP,
  flags: ['diagnostics', 'sample', 'play', 'offline'],
  async run(args, io) {
    const port = numberOption(args, 'port') ?? 0
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be 0-65535, got ${port}`)
    const vpin = vpinOverrides(args)
    const userDataDir = resolve(stringOption(args, 'user-data') ?? defaultUserDataDir())
    const sessionArg = stringOption(args, 'session')
    const picked = [
      sessionArg ? '--session' : '',
      ...['sample', 'offline'].filter((f) => args.options.has(f)),
    ]
    if (picked.filter(Boolean).length > 1) throw new UsageError('give one of --session, --sample, --offline')
    const sessionPath = sessionArg
      ? resolve(sessionArg)
      : args.options.has('sample')
        ? join(findResourcesDir(), 'samples', DEFAULT_SAMPLE_FILE)
        : null
    // The engine runs in a child process, so imports and max-speed replays never stall this server.
    const engine = new EngineHost({
      launch: forkEngine(builtEngineEntry()),
      boot: {
        userDataDir,
        shell: 'browser',
        diagnostics: args.options.has('diagnostics'),
        echoLogs: true,
        resourcesDir: null,
        settingsBackend: 'conf',
        // A named session is the source; otherwise the engine's own launch choice (live, or the sample).
        launch: sessionPath ? 'idle' : args.options.has('offline') ? 'offline' : null,
      },
      resume: {
        live: false,
        session: sessionPath
          ? { path: sessionPath, playing: args.options.has('play'), tsMs: null, speed: 1 }
          : null,
        watchedKey: null,
        recording: false,
      },
      log: (message) => io.stderr(`${message}\n`),
    })
    const { appInfo, lost } = await engine.start()
    if (lost.length > 0) throw new UsageError(lost.join('; '))
    if (Object.keys(vpin).length > 0) {
      const { settings } = await engine.handlers.getSettings(undefined)
      await engine.handlers.updateSettings({ scoringOverrides: { ...settings.scoringOverrides, ...vpin } })
    }
    const server = await startRadarServer({
      handlers: engine.handlers,
      bus: engine.bus,
      // The same log file as the engine: one place to look, whichever process wrote the line.
      logger: createFileLogger({ path: appInfo.logPath, echo: true }),
      staticDir: rendererDir(),
      host: stringOption(args, 'host'),
      port,
    })
    if (sessionPath) {
      const position = await engine.handlers.getReplayPosition(undefined)
      io.stdout(`replaying ${sessionPath} (${new Date(position?.startTsMs ?? 0).toISOString()} onward)\n`)
    }
    io.stdout(`Leverage Radar browser mode: ${server.url}\n`)
    io.stdout(`settings ${appInfo.settingsPath} · logs ${appInfo.logPath}\n`)
    await new Promise<void>((done) => {
      const shutdown = (): void => {
        process.off('SIGINT', shutdown)
        process.off('SIGTERM', shutdown)
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
