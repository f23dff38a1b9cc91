import type { Notice } from '../../shared/engine-status'

/** What the app needs of electron-updater's autoUpdater (injected, so the schedule is tested in plain Node). */
export interface Updater {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  checkForUpdates(): Promise<unknown>
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown
  on(event: 'error', listener: (err: Error) => void): unknown
}

export interface UpdateChecksOptions {
  updater: Updater
  /** The user's setting, read at every check (Settings may turn it off while the app runs). */
  enabled: () => Promise<boolean>
  notify: (notice: Notice) => void
  log: (message: string) => void
  intervalMs?: number
  now?: () => number
}

export const DAILY_MS = 24 * 60 * 60 * 1000

/**
 * Desktop updates from the project's GitHub releases: a check at start and then daily, the download in the
 * background, a notice in the notice area once it is ready, installed when the user quits. Never started
 * in browser mode or an unpackaged app (the caller decides); a failed check is logged, not shown: an
 * offline trader should not get a daily error.
 */
export function startUpdateChecks(opts: UpdateChecksOptions): { stop(): void; check(): Promise<void> } {
  const { updater } = opts
  updater.autoDownload = true
  updater.autoInstallOnAppQuit = true
  let announced: string | null = null
  updater.on('update-downloaded', (info) => {
    if (announced === info.version) return
    announced = info.version
    opts.notify({
      level: 'info',
      message: `Leverage Radar ${info.version} is downloaded and will be installed when you quit the app.`,
      atMs: (opts.now ?? Date.now)(),
    })
  })
  updater.on('error', (err) => opts.log(`update check failed: ${err.message}`))
  const check = async (): Promise<void> => {
    try {
      if (!(await opts.enabled())) return
      await updater.checkForUpdates()
    } catch (err) {
      opts.log(`update check failed: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
  void check()
  const timer = setInterval(() => void check(), opts.intervalMs ?? DAILY_MS)
  timer.unref?.()
  return { stop: () => clearInterval(timer), check }
}
