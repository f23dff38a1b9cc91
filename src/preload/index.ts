/**
 * The sandboxed preload: exposes exactly RadarApi (one function per capability; subscriptions return an
 * unsubscribe) and never ipcRenderer itself. Requests and events travel on a MessagePort straight to the
 * engine process (see port-link.ts); the main process only hands the port over, again after an engine
 * restart, and sends its own notices (engine restarts, downloaded updates) over IPC.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { RadarApi } from '../shared/api'
import { ipcEventChannel } from '../shared/api-channels'
import { afterNextPaint } from '../shared/after-paint'
import type { RendererPort } from './port-link'
import { ENGINE_FAILED_CHANNEL, PORT_CHANNEL, PORT_REQUEST, PortLink } from './port-link'

const link = new PortLink((message) => console.error(message), afterNextPaint)
ipcRenderer.on(PORT_CHANNEL, (event) => {
  const port = event.ports[0] as RendererPort | undefined
  if (port) link.attach(port)
})
ipcRenderer.on(ENGINE_FAILED_CHANNEL, (_event, reason: unknown) => link.fail(String(reason)))
ipcRenderer.on(ipcEventChannel('notice'), (_event, payload: unknown) => link.emit('notice', payload))
ipcRenderer.send(PORT_REQUEST)

contextBridge.exposeInMainWorld('radar', link.api() as unknown as RadarApi)
