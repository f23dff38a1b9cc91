/**
 * The sandboxed preload: exposes exactly RadarApi (one function per capability; subscriptions return an
 * unsubscribe) and never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { RadarApi } from '../shared/api'
import type { Envelope } from '../shared/api-channels'
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  IPC_INVOKE,
  ipcEventChannel,
  subscriberName,
  unwrap,
} from '../shared/api-channels'

const api: Record<string, unknown> = {}
for (const channel of INVOKE_CHANNELS) {
  api[channel] = async (request?: unknown) =>
    unwrap((await ipcRenderer.invoke(IPC_INVOKE, channel, request)) as Envelope<unknown>)
}
for (const channel of EVENT_CHANNELS) {
  api[subscriberName(channel)] = (listener: (payload: unknown) => void) => {
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload)
    ipcRenderer.on(ipcEventChannel(channel), wrapped)
    return () => void ipcRenderer.removeListener(ipcEventChannel(channel), wrapped)
  }
}

contextBridge.exposeInMainWorld('radar', api as RadarApi)
