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
