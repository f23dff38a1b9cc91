import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_DIR_NAME = 'leverage-radar'

/**
 * Where settings, logs and sessions live outside Electron: the same folder Electron's
 * `app.getPath('userData')` gives for this app, so desktop and browser mode share settings.
 */
export function defaultUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.RADAR_USER_DATA) return env.RADAR_USER_DATA
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME)
}

export function userDataPaths(userDataDir: string) {
  return {
    settings: join(userDataDir, 'settings.json'),
    log: join(userDataDir, 'logs', 'radar.log'),
    sessions: join(userDataDir, 'sessions'),
  }
}

/**
 * Why nothing can be saved in the user-data folder (its error code), or null when a file can be written there.
 * Tried, not inferred from modes: permissions, read-only mounts and full disks all answer the same way.
 */
export function userDataFolderProblem(userDataDir: string): string | null {
  const probe = join(userDataDir, `.write-check-${process.pid}`)
  try {
    mkdirSync(userDataDir, { recursive: true })
    writeFileSync(probe, '')
    rmSync(probe, { force: true })
    return null
  } catch (err) {
    const code = (err as { code?: unknown }).code
    return typeof code === 'string' ? code : String(err)
  }
}
