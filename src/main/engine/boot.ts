import { mkdirSync } from 'node:fs'
import type { AppInfo } from '../../shared/api'
import { Engine } from './engine'
import { createInvokeHandlers } from './api/handlers'
import type { InvokeHandlers } from './api/handlers'
import { createFileLogger } from './logging/logger'
import type { SettingsStore } from './settings/settings-store'
import { userDataPaths } from './user-data'
import { RADAR_VERSION } from './version'
import { createServices } from './services'
import type { EngineServices } from './services'
import { launchModeFrom, launchSource } from './control/launch-source'
import type { LaunchMode, LaunchOutcome } from './control/launch-source'

export interface BootOptions {
  userDataDir: string
  shell: AppInfo['shell']
  workerPath: string
  /** Opens the settings store; Electron passes electron-store, Node passes conf. */
  openSettings: (userDataDir: string) => SettingsStore
  diagnostics?: boolean
  echoLogs?: boolean
  /** What to open on launch; default: `--offline` in argv, else RADAR_LAUNCH, else `auto` (live if reachable). */
  launch?: LaunchMode
}

export interface BootedEngine {
  engine: Engine
  services: EngineServices
  handlers: InvokeHandlers
  appInfo: AppInfo
  /** Resolves once the launch source is open (live, the sample, or nothing); never rejects. */
  launched: Promise<LaunchOutcome>
}

/** Builds the engine with its logger, settings and contract handlers; the same for every door. */
export function bootEngine(opts: BootOptions): BootedEngine {
  try {
    mkdirSync(opts.userDataDir, { recursive: true })
  } catch {
    // A folder that cannot be created (read-only parent) is not fatal: settings fall back to memory with a
    // warning the UI shows, and the logger and session library say what they cannot write.
  }
  const paths = userDataPaths(opts.userDataDir)
  const logger = createFileLogger({ path: paths.log, echo: opts.echoLogs })
  const settings = opts.openSettings(opts.userDataDir)
  const engine = new Engine({ workerPath: opts.workerPath, logger, settings, diagnostics: opts.diagnostics })
  const appInfo: AppInfo = {
    version: RADAR_VERSION,
    shell: opts.shell,
    userDataDir: opts.userDataDir,
    settingsPath: settings.view().path,
    logPath: paths.log,
  }
  // Settings reach the engine (scoring config, market caps) and every window through the store's own change
  // event, whoever changed them.
  settings.onChange((view) => engine.bus.emit('settings', view))
  engine.start()
  const services = createServices(engine, opts.userDataDir)
  const launched = launchSource(services, opts.launch ?? launchModeFrom(process.argv, process.env))
  return { engine, services, handlers: createInvokeHandlers(services, appInfo), appInfo, launched }
}
