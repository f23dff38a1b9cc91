import { ipcMain } from 'electron'
import type { WebContents } from 'electron'
import { EVENT_CHANNELS, IPC_INVOKE, ipcEventChannel } from '../../shared/api-channels'
import type { InvokeHandlers } from '../engine/api/handlers'
import { dispatchInvoke } from '../engine/api/handlers'
import type { EventBus } from '../engine/event-bus'

/** One IPC handler for the whole contract: the channel and payload are validated by dispatchInvoke. */
export function registerIpcHandlers(
  handlers: InvokeHandlers,
  isTrustedSender: (wc: WebContents) => boolean,
): void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(event.sender)) return { ok: false, error: 'request from an unknown window' }
    return dispatchInvoke(handlers, channel, payload)
  })
}

/** Forwards engine events to a window until it closes. */
export function forwardEvents(bus: EventBus, target: WebContents): void {
  const offs = EVENT_CHANNELS.map((channel) =>
    bus.on(channel, (payload) => {
      if (!target.isDestroyed()) target.send(ipcEventChannel(channel), payload)
    }),
  )
  target.once('destroyed', () => offs.forEach((off) => off()))
}
