import type { RadarApi } from '../../../shared/api'
import { createWsApi } from './ws-client'
import type { ConnectionListener } from './ws-client'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    radar?: RadarApi
  }
}

/** The renderer is the same in both shells; only the way it reaches the engine differs. */
export function pickApi(onConnection: ConnectionListener): { api: RadarApi; shell: 'electron' | 'browser' } {
  if (window.radar) {
    onConnection('open')
    return { api: window.radar, shell: 'electron' }
  }
  return { api: createWsApi(onConnection), shell: 'browser' }
}
