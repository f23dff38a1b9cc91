import { ipcMain } from 'electron'
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { EVENT_CHANNELS, IPC_INVOKE, ipcEventChannel } from '../../shared/api-channels'
import type { InvokeHandlers } from '../engine/api/handlers'
import { dispatchInvoke } from '../engine/api/handlers'
import type { EventBus } from '../engine/event-bus'
import { isTrustedFrameUrl } from './app-origin'

/**
 * One IPC handler for the whole contract: the channel and payload are validated by dispatchInvoke, after
 * the sender is checked by its frame's origin (the app's own page in one of the app's windows), not only
 * by which webContents sent it: a navigated or embedded frame in a trusted window is still refused.
 */
export function registerIpcHandlers(
  handlers: InvokeHandlers,
  isAppWindow: (wc: WebContents) => boolean,
  loadedUrl: string,
): void {
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => {
    const frameUrl = event.senderFrame?.url ?? ''
    if (!isAppWindow(event.sender) || !isTrustedFrameUrl(frameUrl, loadedUrl))
      return {
        ok: false,
        error: `request refused: it did not come from the app's own page (${frameUrl || 'no frame'})`,
      }
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
